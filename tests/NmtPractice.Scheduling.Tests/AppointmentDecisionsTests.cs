using BookAppointment = NmtPractice.Scheduling.Appointments.BookAppointment;
using RescheduleAppointment = NmtPractice.Scheduling.Appointments.RescheduleAppointment;
using NmtPractice.Scheduling.Appointments;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Scheduling.Reservations;
using NmtPractice.ServiceDefaults.Http;
using static NmtPractice.Scheduling.Tests.BookingExamples;

namespace NmtPractice.Scheduling.Tests;

/// <summary>The booking and rescheduling decisions, pure: a scene and a command in, the event to append out.</summary>
public sealed class AppointmentDecisionsTests
{
    private static BookAppointment Command(Guid? room = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Boston(9, 10), room, WaitlistEntryId: null, By: "desk-1");

    private static Appointment Booked(Guid? room = null) => Appointment.Create(AppointmentDecisions.Book(Scene(), Command(room)));

    [Fact]
    public void A_booking_records_the_slot_in_the_location_s_time_with_the_service_s_length_buffer_and_the_client_s_flags()
    {
        var command = Command();
        var booked = AppointmentDecisions.Book(Scene(client: Client(screening: null)), command);

        Assert.Equal(
            (command.AppointmentId, command.ClientId, Clinic.Id, Sam.Id, "NMT-60", RoomA, 15, "desk-1", Now),
            (booked.AppointmentId, booked.ClientId, booked.LocationId, booked.TherapistId, booked.ServiceCode, booked.RoomId, booked.BufferMinutes, booked.BookedBy, booked.BookedAt));
        Assert.Equal((Boston(9, 10), Boston(9, 11)), (booked.StartsAt, booked.EndsAt));
        Assert.Equal(TimeSpan.FromHours(-5), booked.StartsAt.Offset);
        Assert.Equal([AppointmentFlags.ScreeningPending], booked.Flags);
    }

    [Fact]
    public void Without_a_room_asked_for_the_chooser_picks_among_the_free_rooms_and_with_one_it_is_not_asked()
    {
        IReadOnlyList<Guid>? offered = null;
        Guid Last(IReadOnlyList<Guid> free)
        {
            offered = free;
            return free[^1];
        }

        Assert.Equal(RoomB, AppointmentDecisions.Book(Scene(), Command(), Last).RoomId);
        Assert.Equal([RoomA, RoomB], offered);

        offered = null;
        Assert.Equal(RoomA, AppointmentDecisions.Book(Scene(), Command(RoomA), Last).RoomId);
        Assert.Null(offered);
    }

    [Fact]
    public void A_booking_the_rules_refuse_decides_nothing()
    {
        var busy = new Busy(ResourceKind.Therapist, Sam.Id, new Span(Boston(9, 10), Boston(9, 11, 15)), Guid.NewGuid());

        Assert.Throws<SlotTakenException>(() => AppointmentDecisions.Book(Scene(busy: busy), Command()));
        Assert.Equal("Client contraindicated", Assert.Throws<ConflictException>(() => AppointmentDecisions.Book(Scene(client: Client("Contraindicated")), Command())).Title);
    }

    [Fact]
    public void Rescheduling_keeps_the_room_and_records_where_the_appointment_was()
    {
        var appointment = Booked(RoomB);
        var own = new Busy(ResourceKind.Room, RoomB, appointment.Held, appointment.Id);

        var moved = AppointmentDecisions.Reschedule(appointment, Scene(busy: own), new RescheduleAppointment(Boston(9, 10, 30), null, null, "desk-2"));

        Assert.Equal((RoomB, Boston(9, 10, 30), Boston(9, 11, 30)), (moved.RoomId, moved.StartsAt, moved.EndsAt));
        Assert.Equal((appointment.StartsAt, appointment.EndsAt, Sam.Id, "desk-2"), (moved.PreviousStartsAt, moved.PreviousEndsAt, moved.PreviousTherapistId, moved.RescheduledBy));
        Assert.Equal(Boston(9, 10, 30), appointment.After(moved).StartsAt);
    }

    [Fact]
    public void Rescheduling_to_another_therapist_lets_the_rules_pick_the_room_again()
    {
        var appointment = Booked(RoomB);

        var moved = AppointmentDecisions.Reschedule(appointment, Scene(), new RescheduleAppointment(Boston(9, 14), Sam.Id, null, "desk-2"));

        Assert.Equal(RoomA, moved.RoomId);
    }

    [Fact]
    public void Only_a_booked_appointment_is_rescheduled()
    {
        var cancelled = Booked() with { Status = AppointmentStatus.Cancelled };

        var refused = Assert.Throws<ConflictException>(() => AppointmentDecisions.Reschedule(cancelled, Scene(), new RescheduleAppointment(Boston(9, 14), null, null, "desk-2")));

        Assert.Equal("Not allowed in this state", refused.Title);
    }
}
