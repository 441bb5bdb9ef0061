using NmtPractice.Notifications.Planning;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rule: a reminder goes the set time before the appointment on the location's wall clock (an SMS
/// "24 hours before" a 10:00 visit goes at 10:00 the day before, also when the clocks change in
/// between), never in the location's quiet hours (default 21:00-08:00): a time in them moves to
/// their end, or, when that is not before the visit, to the last minute before they began; a
/// reminder whose time has passed is not sent. Boston (America/New_York): clocks go forward on
/// Sunday 14 March 2027 at 02:00 and back on Sunday 7 November 2027 at 02:00.
/// </summary>
public sealed class SendTimesTests
{
    private static readonly TimeZoneInfo Boston = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTimeOffset LongBefore = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_day_after_the_clocks_go_forward_the_sms_reminder_goes_at_the_same_local_time_the_day_before()
    {
        var visit = new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.FromHours(-4)); // Monday 10:00 EDT

        var at = SendTimes.Reminder(visit, Channel.Sms, SendRules.Default, Boston, LongBefore);

        Assert.Equal(new DateTimeOffset(2027, 3, 14, 14, 0, 0, TimeSpan.Zero), at); // Sunday 10:00 EDT: 23 hours before
    }

    [Fact]
    public void Across_the_spring_change_the_email_reminder_goes_at_the_same_local_time_two_days_before()
    {
        var visit = new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.FromHours(-4));

        var at = SendTimes.Reminder(visit, Channel.Email, SendRules.Default, Boston, LongBefore);

        Assert.Equal(new DateTimeOffset(2027, 3, 13, 15, 0, 0, TimeSpan.Zero), at); // Saturday 10:00 EST: 47 hours before
    }

    [Fact]
    public void The_day_after_the_clocks_go_back_the_sms_reminder_goes_at_the_same_local_time_the_day_before()
    {
        var visit = new DateTimeOffset(2027, 11, 8, 10, 0, 0, TimeSpan.FromHours(-5)); // Monday 10:00 EST

        var at = SendTimes.Reminder(visit, Channel.Sms, SendRules.Default, Boston, LongBefore);

        Assert.Equal(new DateTimeOffset(2027, 11, 7, 15, 0, 0, TimeSpan.Zero), at); // Sunday 10:00 EST: 25 hours before
    }

    [Fact]
    public void A_reminder_due_in_the_quiet_hours_moves_to_their_end()
    {
        var visit = new DateTimeOffset(2027, 6, 9, 7, 30, 0, TimeSpan.FromHours(-4)); // an early visit, 07:30 EDT

        var at = SendTimes.Reminder(visit, Channel.Sms, SendRules.Default, Boston, LongBefore);

        Assert.Equal(new DateTimeOffset(2027, 6, 8, 8, 0, 0, TimeSpan.FromHours(-4)), at); // 08:00 the day before
    }

    [Fact]
    public void When_the_quiet_hours_end_too_late_the_reminder_goes_in_the_last_minute_before_they_began()
    {
        var rules = SendRules.Default with { SmsBefore = TimeSpan.FromHours(2) };
        var visit = new DateTimeOffset(2027, 6, 9, 7, 45, 0, TimeSpan.FromHours(-4)); // 2 h before is 05:45, quiet until 08:00

        var at = SendTimes.Reminder(visit, Channel.Sms, rules, Boston, LongBefore);

        Assert.Equal(new DateTimeOffset(2027, 6, 8, 20, 59, 0, TimeSpan.FromHours(-4)), at);
    }

    [Fact]
    public void A_short_reminder_in_the_morning_quiet_hours_goes_when_they_end_if_that_is_still_before_the_visit()
    {
        var rules = SendRules.Default with { SmsBefore = TimeSpan.FromHours(2) };
        var visit = new DateTimeOffset(2027, 6, 9, 8, 15, 0, TimeSpan.FromHours(-4));

        var at = SendTimes.Reminder(visit, Channel.Sms, rules, Boston, LongBefore);

        Assert.Equal(new DateTimeOffset(2027, 6, 9, 8, 0, 0, TimeSpan.FromHours(-4)), at);
    }

    [Fact]
    public void A_reminder_whose_time_has_passed_when_the_visit_is_booked_is_not_sent()
    {
        var visit = new DateTimeOffset(2027, 6, 9, 10, 0, 0, TimeSpan.FromHours(-4));
        var bookedLate = visit.AddHours(-20);

        Assert.Null(SendTimes.Reminder(visit, Channel.Sms, SendRules.Default, Boston, bookedLate));
        Assert.NotNull(SendTimes.Reminder(visit, Channel.Sms, SendRules.Default, Boston, visit.AddHours(-25)));
    }

    [Fact]
    public void A_channel_without_a_reminder_offset_sends_none()
    {
        var visit = new DateTimeOffset(2027, 6, 9, 10, 0, 0, TimeSpan.FromHours(-4));

        Assert.Null(SendTimes.Reminder(visit, Channel.Email, SendRules.Default with { EmailBefore = null }, Boston, LongBefore));
    }

    [Theory]
    [InlineData("20:59", false)]
    [InlineData("21:00", true)]
    [InlineData("23:59", true)]
    [InlineData("00:00", true)]
    [InlineData("07:59", true)]
    [InlineData("08:00", false)]
    [InlineData("12:00", false)]
    public void Quiet_hours_run_from_their_start_up_to_but_not_including_their_end(string local, bool quiet) =>
        Assert.Equal(quiet, SendRules.Default.IsQuiet(TimeOnly.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Quiet_hours_within_one_day_and_none_at_all()
    {
        var afternoon = SendRules.Default with { QuietFrom = new TimeOnly(13, 0), QuietUntil = new TimeOnly(14, 0) };
        var none = SendRules.Default with { QuietFrom = new TimeOnly(21, 0), QuietUntil = new TimeOnly(21, 0) };

        Assert.True(afternoon.IsQuiet(new TimeOnly(13, 30)));
        Assert.False(afternoon.IsQuiet(new TimeOnly(22, 0)));
        Assert.False(none.IsQuiet(new TimeOnly(23, 0)));
    }

    [Fact]
    public void A_wall_clock_time_the_clocks_skip_is_the_same_time_after_the_jump_and_one_they_pass_twice_is_the_first()
    {
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 7, 30, 0, TimeSpan.Zero), SendTimes.ToInstant(new DateTime(2027, 3, 14, 2, 30, 0), Boston));
        Assert.Equal(new DateTimeOffset(2027, 11, 7, 5, 30, 0, TimeSpan.Zero), SendTimes.ToInstant(new DateTime(2027, 11, 7, 1, 30, 0), Boston));
    }

    [Fact]
    public void A_notice_wanted_in_the_quiet_hours_waits_for_the_morning_and_one_outside_them_goes_at_once()
    {
        var evening = new DateTimeOffset(2027, 6, 8, 22, 15, 0, TimeSpan.FromHours(-4));
        var noon = new DateTimeOffset(2027, 6, 8, 12, 0, 0, TimeSpan.FromHours(-4));

        Assert.Equal(new DateTimeOffset(2027, 6, 9, 8, 0, 0, TimeSpan.FromHours(-4)), SendTimes.NextAllowed(evening, SendRules.Default, Boston));
        Assert.Equal(noon, SendTimes.NextAllowed(noon, SendRules.Default, Boston));
    }
}
