namespace NmtPractice.Scheduling.Calendars.GettingLocationCalendar;

/// <summary><c>GET /api/scheduling/locations/{id}/calendar?date&amp;days&amp;by</c>: one to seven local days of a location, by therapist or by room.</summary>
internal static class GetLocationCalendarEndpoint
{
    internal static async Task<Ok<CalendarResponse>> Handle(
        Guid id, DateOnly date, int? days, string? by, bool? includeCancelled, IQuerySession session, CurrentUser user, CancellationToken cancellationToken)
    {
        var count = days ?? 1;
        if (count is < 1 or > 7)
        {
            throw new RequestValidationException("days", "1 to 7.");
        }

        var grouping = by ?? "therapist";
        if (grouping is not ("therapist" or "room"))
        {
            throw new RequestValidationException("by", "therapist or room.");
        }

        user.EnsureCanAccess(id);
        var location = await session.LoadAsync<Location>(id, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        var zone = location.Zone;
        var appointments = await CalendarReads.AppointmentsAsync(session, id, date, date.AddDays(count), zone, includeCancelled == true, cancellationToken);
        var names = await CalendarReads.ClientNamesAsync(session, appointments, cancellationToken);
        var refusals = await NoteRefusal.OfAsync(session, appointments.Select(a => a.Id), cancellationToken);
        var therapists = await session.Query<Therapist>().ToListAsync(cancellationToken);

        var calendar = Enumerable.Range(0, count).Select(offset =>
        {
            var day = date.AddDays(offset);
            var ofDay = appointments.Where(a => WeeklySchedule.LocalDate(a.StartsAt, zone) == day).ToList();
            var columns = grouping == "room"
                ? location.Rooms.Concat((location.RetiredRooms ?? []).Where(r => ofDay.Any(a => a.RoomId == r.Id && a.Status != AppointmentStatus.Cancelled)))
                    .OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => Column(r.Id, r.Name, ofDay.Where(a => a.RoomId == r.Id), zone, names, refusals))
                : therapists.Where(t => t.WorksAtOn(id, day) || ofDay.Any(a => a.TherapistId == t.Id))
                    .OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => Column(t.Id, t.Name, ofDay.Where(a => a.TherapistId == t.Id), zone, names, refusals));
            return new CalendarDay(day, location.IsClosedOn(day), columns.ToList());
        }).ToList();
        return TypedResults.Ok(new CalendarResponse(id, location.TimeZone, grouping, calendar));
    }

    private static CalendarColumn Column(
        Guid id, string name, IEnumerable<Appointment> appointments, TimeZoneInfo zone, Dictionary<Guid, string> names, IReadOnlyDictionary<Guid, string> refusals) =>
        new(id, name, appointments.OrderBy(a => a.StartsAt).Select(a => AppointmentResponse.From(a, zone, names.GetValueOrDefault(a.ClientId), refusals.GetValueOrDefault(a.Id))).ToList());
}
