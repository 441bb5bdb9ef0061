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
        var locations = (await session.LoadManyAsync<Location>(cancellationToken, all.Select(a => a.LocationId).Distinct())).Where(l => l is not null).ToDictionary(l => l.Id, l => l.Name);
        var therapists = (await session.LoadManyAsync<Therapist>(cancellationToken, all.Select(a => a.TherapistId).Distinct())).Where(t => t is not null).ToDictionary(t => t.Id, t => t.Name);
        var codes = all.Select(a => a.ServiceCode).Distinct().ToArray();
        var services = (await session.Query<ServiceDefinition>().Where(s => codes.Contains(s.Code)).ToListAsync(cancellationToken)).ToDictionary(s => s.Code, s => s.Name);
        AppointmentResponse Show(Appointment a) => AppointmentResponse.From(a, zones[a.LocationId], name) with
        {
            Names = new AppointmentNames(locations.GetValueOrDefault(a.LocationId), therapists.GetValueOrDefault(a.TherapistId), services.GetValueOrDefault(a.ServiceCode)),
        };
        return TypedResults.Ok(new ClientAppointmentsResponse(
            clientId,
            all.Where(a => a.EndsAt > now && a.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn).OrderBy(a => a.StartsAt).Select(Show).ToList(),
            all.Where(a => !(a.EndsAt > now && a.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn)).OrderByDescending(a => a.StartsAt).Select(Show).ToList()));
    }
}
