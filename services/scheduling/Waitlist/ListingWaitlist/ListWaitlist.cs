namespace NmtPractice.Scheduling.Waitlist.ListingWaitlist;

/// <summary><c>GET /api/scheduling/locations/{locationId}/waitlist</c>: the open entries of a location, longest waiting first, with the clients' names.</summary>
internal static class ListWaitlistEndpoint
{
    internal static async Task<Ok<IReadOnlyList<WaitlistEntryResponse>>> Handle(Guid locationId, IQuerySession session, CurrentUser user, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(locationId);
        var entries = await session.Query<WaitlistEntry>()
            .Where(e => e.LocationId == locationId && (e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered))
            .OrderBy(e => e.JoinedAt)
            .ToListAsync(cancellationToken);
        var clients = entries.Select(e => e.ClientId).Distinct().ToArray();
        var names = (await session.LoadManyAsync<ClientBookingStatus>(cancellationToken, clients))
            .ToDictionary(status => status.Id, status => status.DisplayName);
        return TypedResults.Ok<IReadOnlyList<WaitlistEntryResponse>>([.. entries.Select(e => WaitlistEntryResponse.Of(e, e.Version, names.GetValueOrDefault(e.ClientId)))]);
    }
}
