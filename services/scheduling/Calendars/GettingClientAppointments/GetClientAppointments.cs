namespace NmtPractice.Scheduling.Calendars.GettingClientAppointments;

/// <summary>
/// <c>GET /api/scheduling/clients/{clientId}/appointments</c>: a client's upcoming and past appointments:
/// at every location of the chain (under any merged registration of theirs) for staff of a location
/// where the client is registered, booked or treated; else at the caller's locations only. A signed-in
/// client reads their own (every location), and no one else's (403).
/// </summary>
internal static class GetClientAppointmentsEndpoint
{
    internal static async Task<Ok<ClientAppointmentsResponse>> Handle(
        Guid clientId, IQuerySession session, CurrentUser user, ClientReaches reaches, TimeProvider time, CancellationToken cancellationToken)
    {
        user.EnsureOwnClientIfClient(clientId);
        var now = time.GetUtcNow();
        var reach = await reaches.ForAsync(clientId, cancellationToken);
        var related = reaches.IsRelated(reach);
        var ids = related ? reach.Ids.Append(clientId).Distinct().ToArray() : [clientId];
        var all = (await session.Query<Appointment>().Where(a => ids.Contains(a.ClientId)).ToListAsync(cancellationToken))
            .Where(a => related || user.CanAccess(a.LocationId))
            .ToList();
        var zones = new Dictionary<Guid, TimeZoneInfo>();
        foreach (var locationId in all.Select(a => a.LocationId).Distinct())
        {
            zones[locationId] = (await session.LoadAsync<Location>(locationId, cancellationToken))?.Zone ?? TimeZoneInfo.Utc;
        }

        var name = (await session.LoadAsync<ClientBookingStatus>(clientId, cancellationToken))?.DisplayName;
        AppointmentResponse Show(Appointment a) => AppointmentResponse.From(a, zones[a.LocationId], name);
        return TypedResults.Ok(new ClientAppointmentsResponse(
            clientId,
            all.Where(a => a.EndsAt > now && a.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn).OrderBy(a => a.StartsAt).Select(Show).ToList(),
            all.Where(a => !(a.EndsAt > now && a.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn)).OrderByDescending(a => a.StartsAt).Select(Show).ToList()));
    }
}
