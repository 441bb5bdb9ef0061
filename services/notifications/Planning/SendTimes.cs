namespace NmtPractice.Notifications.Planning;

/// <summary>
/// When a location's clients may be messaged: reminder offsets per channel and the quiet hours of the
/// location's own clock (from <see cref="QuietFrom"/> until <see cref="QuietUntil"/>, across midnight
/// when <see cref="QuietFrom"/> is later in the day; equal times mean no quiet hours).
/// </summary>
/// <param name="EmailBefore">How long before the start the email reminder goes, on the location's clock; null for none.</param>
/// <param name="SmsBefore">How long before the start the text reminder goes, on the location's clock; null for none.</param>
/// <param name="QuietFrom">Start of the quiet hours (local time).</param>
/// <param name="QuietUntil">End of the quiet hours (local time): the first moment messages may go again.</param>
public sealed record SendRules(TimeSpan? EmailBefore, TimeSpan? SmsBefore, TimeOnly QuietFrom, TimeOnly QuietUntil)
{
    /// <summary>The chain's defaults: email 48 hours before, text 24 hours before, quiet from 21:00 to 08:00.</summary>
    public static readonly SendRules Default = new(TimeSpan.FromHours(48), TimeSpan.FromHours(24), new TimeOnly(21, 0), new TimeOnly(8, 0));

    /// <summary>The reminder offset of a channel, or null when that channel sends no reminder.</summary>
    public TimeSpan? ReminderBefore(Channel channel) => channel == Channel.Email ? EmailBefore : SmsBefore;

    /// <summary>Whether <paramref name="local"/> (a time of day at the location) falls in the quiet hours.</summary>
    public bool IsQuiet(TimeOnly local) =>
        QuietFrom != QuietUntil
        && (QuietFrom < QuietUntil ? local >= QuietFrom && local < QuietUntil : local >= QuietFrom || local < QuietUntil);
}

/// <summary>
/// The instants messages go at, decided on the location's wall clock: a reminder "24 hours before"
/// an appointment at 10:00 goes at 10:00 the day before, also across a change of the clocks (when
/// the day before is 23 or 25 hours long), and never in the quiet hours.
/// </summary>
public static class SendTimes
{
    /// <summary>
    /// When the reminder of <paramref name="channel"/> for an appointment at <paramref name="startsAt"/>
    /// goes, or null when it goes on no day: the channel has no reminder, or its time has passed by
    /// <paramref name="now"/> (the confirmation just sent says it all). A time in the quiet hours
    /// moves to their end; if that is not before the appointment, to the last minute before they began;
    /// if that has passed as well, no reminder.
    /// </summary>
    public static DateTimeOffset? Reminder(DateTimeOffset startsAt, Channel channel, SendRules rules, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(zone);
        if (rules.ReminderBefore(channel) is not { } before)
        {
            return null;
        }

        var localStart = TimeZoneInfo.ConvertTime(startsAt, zone).DateTime;
        var wanted = ToInstant(localStart - before, zone);
        var at = Allowed(wanted, startsAt, rules, zone);
        return at is { } time && time > now ? time : null;
    }

    /// <summary>
    /// When a message wanted at <paramref name="wanted"/> may go: then, outside the quiet hours; in them,
    /// at their end when that is before <paramref name="notAfter"/>, else at the last minute before they
    /// began, else (that has passed too, or is not before <paramref name="notAfter"/>) null.
    /// </summary>
    public static DateTimeOffset? Allowed(DateTimeOffset wanted, DateTimeOffset notAfter, SendRules rules, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(wanted, zone).DateTime;
        if (!rules.IsQuiet(TimeOnly.FromDateTime(local)))
        {
            return wanted < notAfter ? wanted : null;
        }

        var (began, ends) = QuietSpanAround(local, rules);
        var after = ToInstant(ends, zone);
        if (after < notAfter)
        {
            return after;
        }

        var before = ToInstant(began.AddMinutes(-1), zone);
        return before < notAfter && before <= wanted ? before : null;
    }

    /// <summary>
    /// When a message wanted now may go: now outside the quiet hours, else at their end (an offer or a
    /// notice that can wait until morning).
    /// </summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset wanted, SendRules rules, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(wanted, zone).DateTime;
        return rules.IsQuiet(TimeOnly.FromDateTime(local)) ? ToInstant(QuietSpanAround(local, rules).Ends, zone) : wanted;
    }

    /// <summary>The local wall-clock time as an instant: a time the clocks skipped counts as the same time after the jump, a time they passed twice as the first.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            // In the gap of a spring-forward: the offset before the jump, which lands as far past the jump as the time was into the gap.
            var offsetBefore = zone.GetUtcOffset(unspecified.AddHours(-3));
            return new DateTimeOffset(unspecified, offsetBefore).ToOffset(zone.GetUtcOffset(unspecified.AddHours(3)));
        }

        if (zone.IsAmbiguousTime(unspecified))
        {
            var first = zone.GetAmbiguousTimeOffsets(unspecified).Max();
            return new DateTimeOffset(unspecified, first);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    /// <summary>The local start and end of the quiet span that <paramref name="local"/> (a quiet time) falls in.</summary>
    private static (DateTime Began, DateTime Ends) QuietSpanAround(DateTime local, SendRules rules)
    {
        var day = local.Date;
        var time = TimeOnly.FromDateTime(local);
        if (rules.QuietFrom < rules.QuietUntil)
        {
            return (day + rules.QuietFrom.ToTimeSpan(), day + rules.QuietUntil.ToTimeSpan());
        }

        return time >= rules.QuietFrom
            ? (day + rules.QuietFrom.ToTimeSpan(), day.AddDays(1) + rules.QuietUntil.ToTimeSpan())
            : (day.AddDays(-1) + rules.QuietFrom.ToTimeSpan(), day + rules.QuietUntil.ToTimeSpan());
    }
}
