namespace NmtPractice.Scheduling.Practice.Locations.SettingOnlineBooking;

public sealed record OnlineBookingRequest(
    bool? Open, IReadOnlyList<string>? ServiceCodes, int? BookAheadDays, int? MinimumNoticeHours, bool? NewClients, int? CancellationNoticeHours);

/// <summary>
/// <c>PUT /api/scheduling/locations/{id}/online-booking</c> with <c>If-Match</c>: what clients may book
/// at the location themselves (the public booking pages and the client's own account follow it).
/// Every field is required, so that a form that forgot one does not reset it; the services must be the
/// chain's, and at least one is needed to open.
/// </summary>
internal static class SetOnlineBookingEndpoint
{
    private static readonly RecordRules<Location> Rules = Location.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<LocationResponse>> Handle(
        Guid id, OnlineBookingRequest request, IQuerySession query, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var codes = (request.ServiceCodes ?? []).Select(code => code?.Trim().ToUpperInvariant() ?? "").Distinct(StringComparer.Ordinal).ToList();
        var known = (await query.Query<ServiceDefinition>().Select(s => s.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var unknown = codes.Where(code => !known.Contains(code)).ToList();
        new InputErrors()
            .Require(request.Open is not null, "open", "Required: true or false.")
            .Require(request.ServiceCodes is not null, "serviceCodes", "Required: the codes of the services clients may book online (may be empty while closed).")
            .Require(unknown.Count == 0, "serviceCodes", $"Not services of the chain: {string.Join(", ", unknown.Take(5))}.")
            .Require(request.Open != true || codes.Count > 0, "serviceCodes", "Name at least one service to open online booking.")
            .Require(request.BookAheadDays is >= 1 and <= OnlineBookingPolicy.MaxBookAheadDays, "bookAheadDays", $"Required: 1 to {OnlineBookingPolicy.MaxBookAheadDays} days.")
            .Require(request.MinimumNoticeHours is >= 0 and <= OnlineBookingPolicy.MaxNoticeHours, "minimumNoticeHours", $"Required: 0 to {OnlineBookingPolicy.MaxNoticeHours} hours.")
            .Require(request.NewClients is not null, "newClients", "Required: true or false.")
            .Require(request.CancellationNoticeHours is >= 0 and <= OnlineBookingPolicy.MaxNoticeHours, "cancellationNoticeHours", $"Required: 0 to {OnlineBookingPolicy.MaxNoticeHours} hours.")
            .ThrowIfAny();

        var policy = new OnlineBookingPolicy(
            request.Open!.Value, [.. codes.Order(StringComparer.Ordinal)], request.BookAheadDays!.Value, request.MinimumNoticeHours!.Value, request.NewClients!.Value,
            request.CancellationNoticeHours!.Value);
        var changed = await writer.WriteAsync(
            Rules, id, Audited.Update,
            location => Same(location.Online, policy) ? [] : [new OnlineBookingPolicySet(id, policy, time.GetUtcNow(), user.Id)],
            cancellationToken);
        return TypedResults.Ok(LocationResponse.From(changed.State, changed.Version));
    }

    private static bool Same(OnlineBookingPolicy current, OnlineBookingPolicy wanted) =>
        current with { ServiceCodes = wanted.ServiceCodes } == wanted && current.ServiceCodes.SequenceEqual(wanted.ServiceCodes, StringComparer.Ordinal);
}
