using JasperFx.Events;
using NmtPractice.Contracts.Notifications;
using NmtPractice.OutcomeReporting.Operations.Appointments;
using static NmtPractice.OutcomeReporting.Tests.OutcomeEvents;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>
/// Rule: an appointment counts as reminded once a reminder reached its client, whichever of the two
/// services' events reporting takes in first; until its booking comes it has no day and holds no time.
/// </summary>
public sealed class ReminderFactsTests
{
    private static readonly AppointmentFactsProjection Projection = new();

    private static AppointmentFacts? Evolve(AppointmentFacts? facts, Guid id, object data) => Projection.Evolve(facts, id, new Event<object>(data));

    [Fact]
    public void A_reminder_after_the_booking_marks_the_appointment_reminded_and_changes_nothing_else()
    {
        var booked = Booked(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), new DateTimeOffset(2027, 4, 5, 10, 0, 0, NewYorkSummer));
        var before = Evolve(null, booked.AppointmentId, booked)!;

        var after = Evolve(before, booked.AppointmentId, new AppointmentReminderDelivered(booked.AppointmentId, booked.ClientId, booked.LocationId, "email", LongAgo))!;

        Assert.False(before.Reminded);
        Assert.Equal(before with { Reminded = true }, after);
    }

    [Fact]
    public void A_reminder_before_its_booking_is_kept_and_the_booking_then_fills_in_the_appointment()
    {
        var booked = Booked(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), new DateTimeOffset(2027, 4, 5, 10, 0, 0, NewYorkSummer));

        var pending = Evolve(null, booked.AppointmentId, new AppointmentReminderDelivered(booked.AppointmentId, booked.ClientId, booked.LocationId, "sms", LongAgo))!;
        var filled = Evolve(pending, booked.AppointmentId, booked)!;

        Assert.Equal((AppointmentFacts.Pending, false, default(DateOnly), true), (pending.Status, pending.HoldsTime, pending.Date, pending.Reminded));
        Assert.Equal((AppointmentFacts.Booked, true, new DateOnly(2027, 4, 5), booked.TherapistId, true), (filled.Status, filled.HoldsTime, filled.Date, filled.TherapistId, filled.Reminded));
    }
}
