using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace NmtPractice.Scheduling.Calendars.GettingTherapistCalendarFeed;

/// <summary>
/// <c>GET /api/scheduling/therapists/{id}/calendar.ics</c>: a therapist's appointments as an
/// iCalendar (RFC 5545) feed, each event in its location's time zone (with VTIMEZONE definitions; in
/// UTC during the hour repeated when the clocks go back), showing the service and the client's display
/// name only.
/// </summary>
internal static class GetTherapistCalendarFeedEndpoint
{
    internal static async Task<IResult> Handle(Guid id, DateOnly? from, DateOnly? to, IQuerySession session, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var therapist = await session.LoadAsync<Therapist>(id, cancellationToken) ?? throw PracticeRoles.NotFound("Therapist");
        if (!user.SeesAllLocations && !therapist.LocationIds.Any(user.CanAccess))
        {
            throw new ForbiddenException("The therapist does not work at a location you work at.");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = from ?? today.AddDays(-7);
        var end = to ?? today.AddDays(60);
        if (end < start || end.DayNumber - start.DayNumber > 366)
        {
            throw new RequestValidationException("to", "Not before 'from', at most a year later.");
        }

        var startInstant = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        var endInstant = new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(2);
        var appointments = (await session.Query<Appointment>()
                .Where(a => a.TherapistId == id && a.StartsAt >= startInstant && a.StartsAt < endInstant)
                .ToListAsync(cancellationToken))
            .Where(a => a.Status != AppointmentStatus.Cancelled && user.CanAccess(a.LocationId))
            .OrderBy(a => a.StartsAt)
            .ToList();
        var locations = (await session.LoadManyAsync<Location>(cancellationToken, appointments.Select(a => a.LocationId).Distinct().ToArray())).ToDictionary(l => l.Id);
        var clients = (await session.LoadManyAsync<ClientBookingStatus>(cancellationToken, appointments.Select(a => a.ClientId).Distinct().ToArray())).ToDictionary(c => c.Id);

        var calendar = new Ical.Net.Calendar { ProductId = "-//NmtPractice//Scheduling//EN" };
        calendar.AddProperty("X-WR-CALNAME", $"{therapist.Name} · NmtPractice");
        foreach (var zone in locations.Values.Select(l => l.TimeZone).Distinct(StringComparer.Ordinal))
        {
            calendar.AddTimeZone(zone);
        }

        foreach (var appointment in appointments)
        {
            var location = locations[appointment.LocationId];
            var room = location.RoomName(appointment.RoomId);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{appointment.Id}@nmtpractice",
                DtStart = EventTime(appointment.StartsAt, location),
                DtEnd = EventTime(appointment.EndsAt, location),
                Summary = $"{appointment.ServiceCode} · {clients.GetValueOrDefault(appointment.ClientId)?.DisplayName ?? "Client"}",
                Location = room is null ? location.Name : $"{location.Name}, {room}",
                Status = appointment.Status == AppointmentStatus.NoShow ? "CANCELLED" : "CONFIRMED",
                Sequence = (int)Math.Min(appointment.Version, int.MaxValue),
            });
        }

        var body = new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
        return Results.Text(body, "text/calendar; charset=utf-8");
    }

    /// <summary>
    /// An instant as an event time: the local time in the location's zone, or UTC where that local time
    /// is ambiguous (the hour repeated when the clocks go back), since a local time alone cannot say
    /// which of its two instants it means and readers guess differently.
    /// </summary>
    private static CalDateTime EventTime(DateTimeOffset instant, Location location)
    {
        var local = TimeZoneInfo.ConvertTime(instant, location.Zone).DateTime;
        return location.Zone.IsAmbiguousTime(local)
            ? new CalDateTime(instant.UtcDateTime, CalDateTime.UtcTzId)
            : new CalDateTime(local, location.TimeZone);
    }
}
