using System.Security.Cryptography;

namespace NmtPractice.Scheduling.Appointments.BookingSeries;

/// <summary>One planned occurrence of a series: its place (1 for the first) and start.</summary>
public sealed record PlannedOccurrence(int Occurrence, DateTimeOffset StartsAt);

/// <summary>
/// The dates of a series, pure: every <c>everyWeeks</c> weeks from the first start, at the same local
/// time of the location (so a course keeps its 10:00 across a daylight-saving change), a number of
/// times or until a local date. Each occurrence's appointment id follows from the series id and its
/// place, so that a retried request finds what it booked before.
/// </summary>
public static class SeriesPlan
{
    /// <summary>The most occurrences one series books (a year of weekly sessions).</summary>
    public const int MaxOccurrences = 52;

    /// <summary>The longest gap between occurrences.</summary>
    public const int MaxEveryWeeks = 12;

    public static IReadOnlyList<PlannedOccurrence> Occurrences(DateTimeOffset firstStart, int everyWeeks, int? times, DateOnly? until, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(firstStart, zone);
        var firstDate = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var planned = new List<PlannedOccurrence>();
        for (var place = 1; place <= MaxOccurrences && (times is not { } count || place <= count); place++)
        {
            var date = firstDate.AddDays(7 * everyWeeks * (place - 1));
            if (until is { } last && date > last)
            {
                break;
            }

            planned.Add(new PlannedOccurrence(place, WeeklySchedule.ToInstant(date, time, zone)));
        }

        return planned;
    }

    /// <summary>How many occurrences a series until <paramref name="until"/> would have (to refuse one too long before booking any).</summary>
    public static int CountUntil(DateTimeOffset firstStart, int everyWeeks, DateOnly until, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var firstDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(firstStart, zone).DateTime);
        return until < firstDate ? 0 : ((until.DayNumber - firstDate.DayNumber) / (7 * everyWeeks)) + 1;
    }

    /// <summary>The appointment id of an occurrence: a name-based (version 8) id from the series id and the place.</summary>
    public static Guid AppointmentId(Guid seriesId, int occurrence)
    {
        Span<byte> name = stackalloc byte[20];
        seriesId.TryWriteBytes(name);
        BitConverter.TryWriteBytes(name[16..], occurrence);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(name, hash);
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
