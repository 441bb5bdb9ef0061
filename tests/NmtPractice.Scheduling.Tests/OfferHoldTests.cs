using NmtPractice.Contracts.Scheduling;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Scheduling.Practice.Locations;
using NmtPractice.Scheduling.Waitlist;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// Rule: a waitlist offer is held for its client for a length of the location's business hours
/// (opening hours, less closures), and never past the slot's start.
/// </summary>
public sealed class OfferHoldTests
{
    private const string Zone = "America/New_York";
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById(Zone);
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    // Wednesday 9 December 2026, a winter day (UTC-5).
    private static readonly DateOnly Wednesday = new(2026, 12, 9);

    private static Location OpenEveryDay(params (int From, int To)[] hours) => Location.Create(new LocationOpened(
        Guid.CreateVersion7(),
        "Back Bay",
        new Address("100 Boylston St", null, "Boston", "MA", "02116", "US"),
        Zone,
        [.. Enum.GetValues<DayOfWeek>().SelectMany(day => hours.Select(h => new WeeklyHours(day, new TimeOnly(h.From, 0), new TimeOnly(h.To, 0))))],
        DateTimeOffset.UnixEpoch,
        "test"));

    private static DateTimeOffset At(DateOnly date, int hour, int minute = 0) => WeeklySchedule.ToInstant(date, new TimeOnly(hour, minute), NewYork);

    private static DateTimeOffset FarSlot => At(Wednesday.AddDays(30), 10);

    [Fact]
    public void An_offer_made_while_open_is_held_for_two_hours()
    {
        var location = OpenEveryDay((8, 20));

        Assert.Equal(At(Wednesday, 12), OfferHold.Until(location, At(Wednesday, 10), TwoHours, FarSlot));
    }

    [Fact]
    public void An_offer_made_half_an_hour_before_closing_is_held_until_ninety_minutes_after_the_next_opening()
    {
        var location = OpenEveryDay((8, 20));

        Assert.Equal(At(Wednesday.AddDays(1), 9, 30), OfferHold.Until(location, At(Wednesday, 19, 30), TwoHours, FarSlot));
    }

    [Fact]
    public void An_offer_made_before_opening_is_held_from_the_opening()
    {
        var location = OpenEveryDay((8, 20));

        Assert.Equal(At(Wednesday, 10), OfferHold.Until(location, At(Wednesday, 6, 15), TwoHours, FarSlot));
    }

    [Fact]
    public void A_lunch_break_does_not_count()
    {
        var location = OpenEveryDay((8, 12), (13, 17));

        Assert.Equal(At(Wednesday, 14), OfferHold.Until(location, At(Wednesday, 11), TwoHours, FarSlot));
    }

    [Fact]
    public void Days_the_location_is_closed_do_not_count()
    {
        var location = OpenEveryDay((8, 20)).Apply(new ClosureScheduled(
            Guid.CreateVersion7(), Guid.CreateVersion7(), Wednesday.AddDays(1), Wednesday.AddDays(2), "Renovation", DateTimeOffset.UnixEpoch, "test"));

        Assert.Equal(At(Wednesday.AddDays(3), 9, 30), OfferHold.Until(location, At(Wednesday, 19, 30), TwoHours, FarSlot));
    }

    [Fact]
    public void Days_without_opening_hours_do_not_count()
    {
        // Open Monday to Friday only: an offer late on Friday is held into Monday.
        var friday = Wednesday.AddDays(2);
        var weekdays = Location.Create(new LocationOpened(
            Guid.CreateVersion7(), "Back Bay", new Address("100 Boylston St", null, "Boston", "MA", "02116", "US"), Zone,
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(day => new WeeklyHours(day, new TimeOnly(9, 0), new TimeOnly(17, 0)))],
            DateTimeOffset.UnixEpoch,
            "test"));

        Assert.Equal(At(friday.AddDays(3), 10), OfferHold.Until(weekdays, At(friday, 16), TwoHours, FarSlot));
    }

    [Fact]
    public void A_hold_never_runs_past_the_start_of_the_slot()
    {
        var location = OpenEveryDay((8, 20));
        var slot = At(Wednesday.AddDays(1), 8, 30);

        Assert.Equal(slot, OfferHold.Until(location, At(Wednesday, 19, 30), TwoHours, slot));
    }

    [Fact]
    public void A_location_never_open_holds_for_the_time_on_the_wall_clock()
    {
        var closed = Location.Create(new LocationOpened(
            Guid.CreateVersion7(), "Back Bay", new Address("100 Boylston St", null, "Boston", "MA", "02116", "US"), Zone, [], DateTimeOffset.UnixEpoch, "test"));

        Assert.Equal(At(Wednesday, 21, 30), OfferHold.Until(closed, At(Wednesday, 19, 30), TwoHours, FarSlot));
    }

    [Fact]
    public void A_hold_of_nothing_is_refused()
    {
        var location = OpenEveryDay((8, 20));

        Assert.Throws<ArgumentOutOfRangeException>(() => OfferHold.Until(location, At(Wednesday, 10), TimeSpan.Zero, FarSlot));
    }
}
