namespace NmtPractice.Scheduling.Calendars.GettingArrivals;

/// <summary><c>GET /api/scheduling/locations/{id}/arrivals[?date]</c>: who is expected today (or on a date), in order.</summary>
internal static class GetArrivalsEndpoint
{
    internal static async Task<Ok<IReadOnlyList<AppointmentResponse>>> Handle(
        Guid id, DateOnly? date, IQuerySession session, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(id);
        var location = await session.LoadAsync<Location>(id, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        var zone = location.Zone;
        var day = date ?? WeeklySchedule.LocalDate(time.GetUtcNow(), zone);
        var appointments = (await CalendarReads.AppointmentsAsync(session, id, day, day.AddDays(1), zone, includeCancelled: false, cancellationToken))
            .Where(a => a.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn)
            .ToList();
        var names = await CalendarReads.ClientNamesAsync(session, appointments, cancellationToken);
        var refusals = await NoteRefusal.OfAsync(session, appointments.Select(a => a.Id), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AppointmentResponse>>(
            appointments.OrderBy(a => a.StartsAt).Select(a => AppointmentResponse.From(a, zone, names.GetValueOrDefault(a.ClientId), refusals.GetValueOrDefault(a.Id))).ToList());
    }
}
