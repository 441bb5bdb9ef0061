using JasperFx.Events;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.OutcomeReporting.Operations.Availability;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>
/// Rule: a location's closures are as the latest change left them, whatever order scheduling's
/// messages arrive in (they travel on separate exchanges).
/// </summary>
public sealed class LocationCalendarProjectionTests
{
    private static readonly Guid Location = Guid.CreateVersion7();
    private static readonly Guid Closure = Guid.CreateVersion7();
    private static readonly DateTimeOffset Scheduled = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly (DateOnly Wed, DateOnly Thu) Days = (new DateOnly(2027, 4, 7), new DateOnly(2027, 4, 8));

    private static LocationCalendar? Fold(params object[] messages) =>
        messages.Aggregate((LocationCalendar?)null, (calendar, message) =>
            new LocationCalendarProjection().Evolve(calendar, Location, (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(message.GetType()), message)!));

    private static LocationClosureScheduled ClosedWedToThu => new(Location, Closure, Days.Wed, Days.Thu, Scheduled);

    private static LocationClosureChanged ShortenedToWed(int hoursLater) => new(Location, Closure, Days.Wed, Days.Wed, Removed: false, Scheduled.AddHours(hoursLater));

    private static LocationClosureChanged CalledOff(int hoursLater) => new(Location, Closure, Days.Wed, Days.Thu, Removed: true, Scheduled.AddHours(hoursLater));

    [Fact]
    public void A_shortened_closure_closes_only_its_new_days()
    {
        var calendar = Fold(ClosedWedToThu, ShortenedToWed(1))!;

        Assert.Equal((true, false), (calendar.IsClosed(Days.Wed), calendar.IsClosed(Days.Thu)));
    }

    [Fact]
    public void A_change_that_arrives_before_its_closure_stands()
    {
        var calendar = Fold(ShortenedToWed(1), ClosedWedToThu)!;

        Assert.Equal((true, false), (calendar.IsClosed(Days.Wed), calendar.IsClosed(Days.Thu)));
    }

    [Fact]
    public void An_older_change_arriving_late_changes_nothing()
    {
        var calledOffThenStale = Fold(ClosedWedToThu, CalledOff(2), ShortenedToWed(1))!;
        var shortenedThenStale = Fold(ClosedWedToThu, ShortenedToWed(2), CalledOff(1))!;

        Assert.Equal((false, false), (calledOffThenStale.IsClosed(Days.Wed), calledOffThenStale.IsClosed(Days.Thu)));
        Assert.Equal((true, false), (shortenedThenStale.IsClosed(Days.Wed), shortenedThenStale.IsClosed(Days.Thu)));
    }
}

/// <summary>Rule: a therapist's time off is as the latest change left it, whatever order the messages arrive in.</summary>
public sealed class TherapistAvailabilityProjectionTests
{
    private static readonly Guid Therapist = Guid.CreateVersion7();
    private static readonly Guid TimeOff = Guid.CreateVersion7();
    private static readonly DateTimeOffset Booked = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nine = new(2027, 4, 7, 13, 0, 0, TimeSpan.Zero);

    private static TherapistAvailability Fold(params object[] messages) =>
        messages.Aggregate((TherapistAvailability?)null, (availability, message) =>
            new TherapistAvailabilityProjection().Evolve(availability, Therapist, (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(message.GetType()), message)!))!;

    [Fact]
    public void Time_off_is_as_the_latest_change_left_it()
    {
        var booked = new TherapistTimeOffBooked(Therapist, TimeOff, Nine, Nine.AddHours(8), Booked);
        var shortened = new TherapistTimeOffChanged(Therapist, TimeOff, Nine, Nine.AddHours(4), Removed: false, Booked.AddHours(1));
        var calledOff = new TherapistTimeOffChanged(Therapist, TimeOff, Nine, Nine.AddHours(8), Removed: true, Booked.AddHours(2));

        var inOrder = Assert.Single(Fold(booked, shortened).TimeOff);
        var changeFirst = Assert.Single(Fold(shortened, booked).TimeOff);
        var staleLast = Assert.Single(Fold(booked, calledOff, shortened).TimeOff);

        Assert.Equal((Nine.AddHours(4), false), (inOrder.To, inOrder.Removed));
        Assert.Equal((Nine.AddHours(4), false), (changeFirst.To, changeFirst.Removed));
        Assert.True(staleLast.Removed);
    }

    [Fact]
    public void A_therapist_who_leaves_a_location_has_no_hours_there_from_the_day_until_hours_are_set_there_again()
    {
        var location = Guid.CreateVersion7();
        var week = new[] { new WeeklyHours(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(17, 0)) };
        var hours = new TherapistWorkingHoursSet(Therapist, location, week, Booked);
        var leavesOn = new DateOnly(2027, 4, 10);
        var leaving = new TherapistLeavingChanged(Therapist, location, leavesOn, CalledOff: false, Booked.AddDays(1));
        var calledOff = leaving with { CalledOff = true, OccurredAt = Booked.AddDays(2) };
        var back = new TherapistWorkingHoursSet(Therapist, location, week, new DateTimeOffset(2027, 5, 3, 12, 0, 0, TimeSpan.Zero));

        var left = Fold(hours, leaving);
        Assert.Equal(week, left.HoursAt(location, leavesOn.AddDays(-1)));
        Assert.Empty(left.HoursAt(location, leavesOn)!);
        Assert.Empty(left.HoursAt(location, leavesOn.AddDays(20))!);
        Assert.Null(left.HoursAt(Guid.CreateVersion7(), leavesOn));

        // Called off, whichever message arrives first.
        Assert.Equal(week, Fold(hours, leaving, calledOff).HoursAt(location, leavesOn));
        Assert.Equal(week, Fold(hours, calledOff, leaving).HoursAt(location, leavesOn));

        // Hours set again after the day bring them back from the day they were set, not before.
        var returned = Fold(hours, leaving, back);
        Assert.Empty(returned.HoursAt(location, new DateOnly(2027, 5, 2))!);
        Assert.Equal(week, returned.HoursAt(location, new DateOnly(2027, 5, 3)));
    }
}
