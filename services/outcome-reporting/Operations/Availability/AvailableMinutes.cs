namespace NmtPractice.OutcomeReporting.Operations.Availability;

/// <summary>
/// A therapist's available minutes at a location on a day: the weekly hours in force for that
/// weekday, less time off, and none on a day the location is closed. Hours are local times, turned
/// into instants in the location's time zone, so a daylight-saving day is counted as it was lived.
/// </summary>
public static class AvailableMinutes
{
    public static int On(DateOnly day, Guid locationId, TherapistAvailability therapist, LocationCalendar? location)
    {
        ArgumentNullException.ThrowIfNull(therapist);
        if (location?.IsClosed(day) == true || therapist.HoursAt(locationId, day) is not { } hours)
        {
            return 0;
        }

        var zone = Zone(location?.TimeZone);
        var minutes = 0.0;
        foreach (var block in hours.Where(block => block.Day == day.DayOfWeek && block.To > block.From))
        {
            var start = Instant(day, block.From, zone);
            var end = Instant(day, block.To, zone);
            var away = therapist.TimeOff.Where(absence => !absence.Removed)
                .Select(absence => (From: Max(absence.From, start), To: Min(absence.To, end)))
                .Where(overlap => overlap.To > overlap.From)
                .Sum(overlap => (overlap.To - overlap.From).TotalMinutes);
            minutes += Math.Max(0, (end - start).TotalMinutes - away);
        }

        return (int)Math.Round(minutes);
    }

    private static TimeZoneInfo Zone(string? id) =>
        !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static DateTimeOffset Instant(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
