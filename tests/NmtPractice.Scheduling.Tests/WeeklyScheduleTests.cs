using NmtPractice.Contracts.Scheduling;
using NmtPractice.Scheduling.Practice;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Weekly hours become instants correctly, including on the days the clocks change.</summary>
public sealed class WeeklyScheduleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Nine_oclock_is_an_hour_earlier_in_utc_after_clocks_go_forward()
    {
        var before = WeeklySchedule.ToInstant(new DateOnly(2027, 3, 13), new TimeOnly(9, 0), NewYork);
        var after = WeeklySchedule.ToInstant(new DateOnly(2027, 3, 14), new TimeOnly(9, 0), NewYork);

        Assert.Equal(new DateTimeOffset(2027, 3, 13, 14, 0, 0, TimeSpan.Zero), before);
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 13, 0, 0, TimeSpan.Zero), after);
    }

    [Fact]
    public void Hours_across_the_skipped_hour_last_an_hour_less()
    {
        var hours = new[] { new WeeklyHours(DayOfWeek.Sunday, new TimeOnly(1, 0), new TimeOnly(4, 0)) };

        var span = Assert.Single(WeeklySchedule.On(hours, new DateOnly(2027, 3, 14), NewYork));

        Assert.Equal(TimeSpan.FromHours(2), span.To - span.From);
    }

    [Fact]
    public void Hours_across_the_repeated_hour_last_an_hour_more()
    {
        var hours = new[] { new WeeklyHours(DayOfWeek.Sunday, new TimeOnly(0, 30), new TimeOnly(3, 0)) };

        var span = Assert.Single(WeeklySchedule.On(hours, new DateOnly(2026, 11, 1), NewYork));

        Assert.Equal(TimeSpan.FromHours(3.5), span.To - span.From);
    }

    [Fact]
    public void A_local_time_in_the_skipped_hour_moves_to_the_first_real_instant()
    {
        var instant = WeeklySchedule.ToInstant(new DateOnly(2027, 3, 14), new TimeOnly(2, 30), NewYork);

        Assert.Equal(new DateTimeOffset(2027, 3, 14, 7, 0, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void Only_the_days_hours_apply_and_overlapping_hours_are_refused()
    {
        var hours = new[] { new WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0)), new WeeklyHours(DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(13, 0)) };

        Assert.Empty(WeeklySchedule.On(hours, new DateOnly(2027, 3, 14), NewYork));
        Assert.Contains(WeeklySchedule.Problems(hours), p => p.Contains("overlap", StringComparison.Ordinal));
        Assert.Contains(WeeklySchedule.Problems([new WeeklyHours(DayOfWeek.Friday, new TimeOnly(17, 0), new TimeOnly(9, 0))]), p => p.Contains("is not before", StringComparison.Ordinal));
    }
}
