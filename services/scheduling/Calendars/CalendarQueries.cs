using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Scheduling.Appointments;
using NmtPractice.Scheduling.Clients;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Scheduling.Practice.Locations;
using NmtPractice.Scheduling.Practice.Therapists;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Calendars;

/// <summary>One column of a calendar day: a therapist or a room, with its appointments.</summary>
public sealed record CalendarColumn(Guid Id, string Name, IReadOnlyList<AppointmentResponse> Appointments);

/// <summary>One local day of a location's calendar.</summary>
public sealed record CalendarDay(DateOnly Date, bool Closed, IReadOnlyList<CalendarColumn> Columns);

/// <summary>A location's calendar over one or more days.</summary>
public sealed record CalendarResponse(Guid LocationId, string TimeZone, string By, IReadOnlyList<CalendarDay> Days);

/// <summary>A client's appointments at the locations the caller works at.</summary>
public sealed record ClientAppointmentsResponse(Guid ClientId, IReadOnlyList<AppointmentResponse> Upcoming, IReadOnlyList<AppointmentResponse> Past);

/// <summary>The front desk's views: day and week calendars, today's arrivals, a client's appointments.</summary>
internal static class CalendarQueries
{
    internal static async Task<Ok<CalendarResponse>> CalendarAsync(
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
        var appointments = await AppointmentsAsync(session, id, date, date.AddDays(count), zone, includeCancelled == true, cancellationToken);
        var names = await ClientNamesAsync(session, appointments, cancellationToken);
        var therapists = (await session.Query<Therapist>().ToListAsync(cancellationToken)).Where(t => t.LocationIds.Contains(id) || appointments.Any(a => a.TherapistId == t.Id)).ToList();

        var calendar = Enumerable.Range(0, count).Select(offset =>
        {
            var day = date.AddDays(offset);
            var ofDay = appointments.Where(a => WeeklySchedule.LocalDate(a.StartsAt, zone) == day).ToList();
            var columns = grouping == "room"
                ? location.Rooms.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => Column(r.Id, r.Name, ofDay.Where(a => a.RoomId == r.Id), zone, names))
                : therapists.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => Column(t.Id, t.Name, ofDay.Where(a => a.TherapistId == t.Id), zone, names));
            return new CalendarDay(day, location.IsClosedOn(day), columns.ToList());
        }).ToList();
        return TypedResults.Ok(new CalendarResponse(id, location.TimeZone, grouping, calendar));
    }

    internal static async Task<Ok<IReadOnlyList<AppointmentResponse>>> ArrivalsAsync(
        Guid id, DateOnly? date, IQuerySession session, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(id);
        var location = await session.LoadAsync<Location>(id, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        var zone = location.Zone;
        var day = date ?? WeeklySchedule.LocalDate(time.GetUtcNow(), zone);
        var appointments = (await AppointmentsAsync(session, id, day, day.AddDays(1), zone, includeCancelled: false, cancellationToken))
            .Where(a => a.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn)
            .ToList();
        var names = await ClientNamesAsync(session, appointments, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AppointmentResponse>>(
            appointments.OrderBy(a => a.StartsAt).Select(a => AppointmentResponse.From(a, zone, names.GetValueOrDefault(a.ClientId))).ToList());
    }

    internal static async Task<Ok<ClientAppointmentsResponse>> ClientAppointmentsAsync(
        Guid clientId, IQuerySession session, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var all = (await session.Query<Appointment>().Where(a => a.ClientId == clientId).ToListAsync(cancellationToken))
            .Where(a => user.CanAccess(a.LocationId))
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

    private static async Task<IReadOnlyList<Appointment>> AppointmentsAsync(
        IQuerySession session, Guid locationId, DateOnly from, DateOnly to, TimeZoneInfo zone, bool includeCancelled, CancellationToken cancellationToken)
    {
        var start = WeeklySchedule.ToInstant(from, TimeOnly.MinValue, zone);
        var end = WeeklySchedule.ToInstant(to, TimeOnly.MinValue, zone);
        var found = await session.Query<Appointment>()
            .Where(a => a.LocationId == locationId && a.StartsAt >= start && a.StartsAt < end)
            .OrderBy(a => a.StartsAt)
            .ToListAsync(cancellationToken);
        return found.Where(a => includeCancelled || a.Status != AppointmentStatus.Cancelled).ToList();
    }

    private static async Task<Dictionary<Guid, string>> ClientNamesAsync(IQuerySession session, IEnumerable<Appointment> appointments, CancellationToken cancellationToken)
    {
        var ids = appointments.Select(a => a.ClientId).Distinct().ToArray();
        var statuses = await session.LoadManyAsync<ClientBookingStatus>(cancellationToken, ids);
        return statuses.ToDictionary(s => s.Id, s => s.DisplayName);
    }

    private static CalendarColumn Column(Guid id, string name, IEnumerable<Appointment> appointments, TimeZoneInfo zone, Dictionary<Guid, string> names) =>
        new(id, name, appointments.OrderBy(a => a.StartsAt).Select(a => AppointmentResponse.From(a, zone, names.GetValueOrDefault(a.ClientId))).ToList());
}
