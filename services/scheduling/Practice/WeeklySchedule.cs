using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Practice;

/// <summary>A span of time in UTC instants.</summary>
public readonly record struct Span(DateTimeOffset From, DateTimeOffset To)
{
    public bool Overlaps(Span other) => From < other.To && other.From < To;

    public bool Contains(Span other) => From <= other.From && other.To <= To;
}

/// <summary>Weekly hours: validation, and the concrete spans they give on a local date in a time zone.</summary>
public static class WeeklySchedule
{
    /// <summary>Problems with a week of hours; empty when sound.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<WeeklyHours>? hours)
    {
        if (hours is null)
        {
            yield return "Hours are required (an empty list means closed).";
            yield break;
        }

        if (hours.Any(h => h is null))
        {
            yield return "Every entry must be a day with from and to times.";
            yield break;
        }

        foreach (var span in hours.Where(h => !Enum.IsDefined(h.Day)))
        {
            yield return $"Unknown day {(int)span.Day}.";
        }

        foreach (var span in hours.Where(h => h.From >= h.To))
        {
            yield return $"{span.Day}: {span.From:HH\\:mm} is not before {span.To:HH\\:mm}.";
        }

        foreach (var day in hours.GroupBy(h => h.Day))
        {
            var ordered = day.OrderBy(h => h.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].From < ordered[i - 1].To)
                {
                    yield return $"{day.Key}: hours overlap.";
                }
            }
        }
    }

    /// <summary>
    /// The instants the hours cover on a local date. Local times that do not exist (the hour skipped
    /// when clocks go forward) move to the first valid instant after; ambiguous ones (clocks going
    /// back) take the earlier instant, so a span keeps its real length.
    /// </summary>
    public static IEnumerable<Span> On(IEnumerable<WeeklyHours> hours, DateOnly date, TimeZoneInfo zone) =>
        hours.Where(h => h.Day == date.DayOfWeek)
            .OrderBy(h => h.From)
            .Select(h => new Span(ToInstant(date, h.From, zone), ToInstant(date, h.To, zone)))
            .Where(span => span.From < span.To);

    /// <summary>The instant of a local date and time in a zone (see <see cref="On"/> for gaps and overlaps).</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The local date of an instant in a zone.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>An instant shown with the zone's offset at that instant.</summary>
    public static DateTimeOffset InZone(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);
}
