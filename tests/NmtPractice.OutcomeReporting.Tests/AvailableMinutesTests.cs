using NmtPractice.Contracts.Scheduling;
using NmtPractice.OutcomeReporting.Operations.Availability;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>Available hours: weekly hours in force, less time off and closures, in the location's time zone.</summary>
public sealed class AvailableMinutesTests
{
    private static readonly Guid Location = Guid.CreateVersion7();
    private static readonly DateTimeOffset SetAt = new(2027, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static TherapistAvailability Therapist(params Absence[] timeOff) => new(
        Guid.CreateVersion7(),
        [new HoursInForce(Location, new DateOnly(2027, 1, 1), SetAt,
            [new WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(13, 0)), new WeeklyHours(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(17, 0)),
             new WeeklyHours(DayOfWeek.Sunday, new TimeOnly(0, 30), new TimeOnly(4, 30))])],
        timeOff);

    private static LocationCalendar Calendar(params ClosedDays[] closures) => new(Location, "America/New_York", closures);

    [Fact]
    public void A_working_day_counts_every_block_of_hours() =>
        Assert.Equal(420, AvailableMinutes.On(new DateOnly(2027, 1, 4), Location, Therapist(), Calendar()));

    [Fact]
    public void A_day_without_hours_or_before_they_were_set_counts_nothing()
    {
        Assert.Equal(0, AvailableMinutes.On(new DateOnly(2027, 1, 5), Location, Therapist(), Calendar()));
        Assert.Equal(0, AvailableMinutes.On(new DateOnly(2026, 12, 28), Location, Therapist(), Calendar()));
        Assert.Equal(0, AvailableMinutes.On(new DateOnly(2027, 1, 4), Guid.CreateVersion7(), Therapist(), Calendar()));
    }

    [Fact]
    public void Time_off_is_taken_out_where_it_overlaps()
    {
        // 11:00-15:00 New York (EST, UTC-5) takes 2 h of the morning and 1 h of the afternoon.
        var away = new Absence(Guid.CreateVersion7(), new DateTimeOffset(2027, 1, 4, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 4, 20, 0, 0, TimeSpan.Zero));

        Assert.Equal(240, AvailableMinutes.On(new DateOnly(2027, 1, 4), Location, Therapist(away), Calendar()));
    }

    [Fact]
    public void A_closed_day_counts_nothing() =>
        Assert.Equal(0, AvailableMinutes.On(new DateOnly(2027, 1, 4), Location, Therapist(), Calendar(new ClosedDays(Guid.CreateVersion7(), new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 4)))));

    [Fact]
    public void On_the_night_the_clocks_go_forward_the_lost_hour_is_not_available()
    {
        // 14 March 2027, New York: 02:00 jumps to 03:00, so 00:30-04:30 local lasts three hours.
        Assert.Equal(180, AvailableMinutes.On(new DateOnly(2027, 3, 14), Location, Therapist(), Calendar()));
        Assert.Equal(240, AvailableMinutes.On(new DateOnly(2027, 3, 7), Location, Therapist(), Calendar()));
    }
}
