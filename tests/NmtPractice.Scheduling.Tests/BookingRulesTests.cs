using NmtPractice.Contracts.Scheduling;
using NmtPractice.Scheduling.Appointments;
using NmtPractice.Scheduling.Clients;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Scheduling.Practice.Therapists;
using NmtPractice.Scheduling.Reservations;
using NmtPractice.ServiceDefaults.Http;
using static NmtPractice.Scheduling.Tests.BookingExamples;

namespace NmtPractice.Scheduling.Tests;

/// <summary>The booking rules, pure: given a scene, a start and a room, a decision.</summary>
public sealed class BookingRulesTests
{
    [Fact]
    public void A_free_slot_inside_all_hours_books_the_first_free_room_by_name()
    {
        var (rooms, flags, session, held) = BookingRules.Check(Scene(), Boston(9, 10), null);

        Assert.Equal([RoomA, RoomB], rooms);
        Assert.Empty(flags);
        Assert.Equal(TimeSpan.FromMinutes(60), session.To - session.From);
        Assert.Equal(TimeSpan.FromMinutes(75), held.To - held.From);
    }

    [Theory]
    [InlineData(9, 8, 30, "Outside working hours")]
    [InlineData(9, 16, 30, "Outside working hours")]
    [InlineData(8, 10, 0, "Outside working hours")]
    [InlineData(10, 10, 0, "Therapist away")]
    [InlineData(20, 10, 0, "Location closed")]
    [InlineData(21, 16, 0, "Location closed")]
    public void Times_the_therapist_or_location_is_not_available_are_conflicts(int day, int hour, int minute, string title)
    {
        var error = Assert.Throws<ConflictException>(() => BookingRules.Check(Scene(), Boston(day, hour, minute), null));

        Assert.Equal(title, error.Title);
    }

    [Fact]
    public void Opening_hours_bound_every_booking()
    {
        var late = Clinic with { OpeningHours = [.. Clinic.OpeningHours.Select(h => h with { To = new TimeOnly(10, 30) })] };

        var error = Assert.Throws<ConflictException>(() => BookingRules.Check(Scene() with { Location = late }, Boston(9, 10), null));

        Assert.Equal("Outside opening hours", error.Title);
    }

    [Fact]
    public void A_service_the_therapist_does_not_offer_is_a_conflict() =>
        Assert.Equal("Service not offered", Assert.Throws<ConflictException>(() => BookingRules.Check(Scene(service: Nmt90), Boston(9, 10), null)).Title);

    [Fact]
    public void The_turnover_buffer_keeps_the_therapist_busy()
    {
        var earlier = new Busy(ResourceKind.Therapist, Sam.Id, new Span(Boston(9, 9), Boston(9, 10, 15)), Guid.NewGuid());

        Assert.Throws<SlotTakenException>(() => BookingRules.Check(Scene(busy: earlier), Boston(9, 10), null));
        Assert.Equal(RoomA, BookingRules.Check(Scene(busy: earlier), Boston(9, 10, 15), null).RoomId);
    }

    [Fact]
    public void A_busy_room_is_skipped_and_when_all_are_busy_the_booking_is_refused()
    {
        var roomABusy = new Busy(ResourceKind.Room, RoomA, new Span(Boston(9, 10), Boston(9, 11, 15)), Guid.NewGuid());
        var roomBBusy = new Busy(ResourceKind.Room, RoomB, new Span(Boston(9, 10), Boston(9, 11, 15)), Guid.NewGuid());

        Assert.Equal(RoomB, BookingRules.Check(Scene(busy: roomABusy), Boston(9, 10), null).RoomId);
        Assert.Equal("No room free", Assert.Throws<ConflictException>(() => BookingRules.Check(Scene(busy: [roomABusy, roomBBusy]), Boston(9, 10), null)).Title);
        Assert.Throws<SlotTakenException>(() => BookingRules.Check(Scene(busy: roomABusy), Boston(9, 10), RoomA));
    }

    [Fact]
    public void Rescheduling_ignores_the_appointments_own_reservations()
    {
        var own = Guid.NewGuid();
        var itself = new Busy(ResourceKind.Therapist, Sam.Id, new Span(Boston(9, 10), Boston(9, 11, 15)), own);

        var session = BookingRules.Check(Scene(busy: itself), Boston(9, 10, 30), null, rescheduling: own).Session;

        Assert.Equal(Boston(9, 10, 30), session.From);
    }

    [Fact]
    public void Past_and_off_grid_starts_are_bad_requests()
    {
        Assert.Equal(["startsAt"], Assert.Throws<RequestValidationException>(() => BookingRules.Check(Scene(), Now.AddMinutes(-5), null)).Errors.Keys);
        Assert.Equal(["startsAt"], Assert.Throws<RequestValidationException>(() => BookingRules.Check(Scene(), Boston(9, 10, 7), null)).Errors.Keys);
    }

    [Theory]
    [InlineData("Contraindicated", "Client contraindicated")]
    [InlineData("expired", "Intake expired")]
    [InlineData("unknown", "Unknown client")]
    [InlineData("merged", "Client merged")]
    public void The_screening_gate_refuses_with_a_reason(string state, string title)
    {
        var client = state switch
        {
            "expired" => Client(expired: Now),
            "unknown" => null,
            "merged" => Client() with { MergedInto = Guid.NewGuid() },
            _ => Client(state),
        };

        var error = Assert.Throws<ConflictException>(() => BookingRules.ClientGate(client));

        Assert.Equal(title, error.Title);
    }

    [Fact]
    public void A_newer_screening_lifts_an_expired_intake()
    {
        var renewed = Client() with { IntakeExpiredAt = Now.AddDays(-2), ScreenedAt = Now.AddDays(-1) };

        Assert.Empty(BookingRules.ClientGate(renewed));
    }

    [Theory]
    [InlineData("PhysicianClearanceRequired", AppointmentFlags.ClearancePending)]
    [InlineData(null, AppointmentFlags.ScreeningPending)]
    public void Pending_clearance_or_screening_books_with_a_flag(string? screening, string flag) =>
        Assert.Equal([flag], BookingRules.ClientGate(Client(screening)));

    [Fact]
    public void A_start_at_this_very_minute_is_in_the_past_and_one_grid_step_later_is_not()
    {
        var now = Assert.Throws<RequestValidationException>(() => BookingRules.Check(Scene(), Now, null));

        Assert.Equal(["An appointment cannot start in the past."], now.Errors["startsAt"]);
        // Five minutes on, the time is acceptable and the next rule decides: 07:05 in Boston, before the clinic opens.
        Assert.Equal("Outside opening hours", Assert.Throws<ConflictException>(() => BookingRules.Check(Scene(), Now.AddMinutes(5), null)).Title);
    }

    [Theory]
    [InlineData(0, 30, 0)]
    [InlineData(0, 0, 500)]
    [InlineData(7, 0, 0)]
    public void A_start_off_the_five_minute_grid_by_a_minute_a_second_or_a_millisecond_is_refused(int minute, int second, int millisecond)
    {
        var startsAt = Boston(9, 10).AddMinutes(minute).AddSeconds(second).AddMilliseconds(millisecond);

        var refused = Assert.Throws<RequestValidationException>(() => BookingRules.Check(Scene(), startsAt, null));

        Assert.Equal(["Appointments start on a 5-minute boundary."], refused.Errors["startsAt"]);
    }

    [Fact]
    public void Each_refusal_explains_itself_with_the_names_and_dates_involved()
    {
        string Detail(Func<object> check) => Assert.Throws<ConflictException>(check).Message;

        Assert.Equal("Sam does not offer NMT-90.", Detail(() => BookingRules.Check(Scene(service: Nmt90), Boston(9, 10), null)));
        Assert.Equal("Back Bay is closed on 2027-03-20 (Renovation).", Detail(() => BookingRules.Check(Scene(), Boston(20, 10), null)));
        Assert.Equal("Sam does not work at Back Bay for the whole of this appointment.", Detail(() => BookingRules.Check(Scene(), Boston(9, 16, 30), null)));
        Assert.Equal("Sam is away at this time.", Detail(() => BookingRules.Check(Scene(), Boston(10, 10), null)));
        var late = Clinic with { OpeningHours = [.. Clinic.OpeningHours.Select(h => h with { To = new TimeOnly(10, 30) })] };
        Assert.Equal("Back Bay is not open for the whole of this appointment.", Detail(() => BookingRules.Check(Scene() with { Location = late }, Boston(9, 10), null)));
        var bothBusy = new[] { RoomA, RoomB }.Select(room => new Busy(ResourceKind.Room, room, new Span(Boston(9, 10), Boston(9, 11, 15)), Guid.NewGuid())).ToArray();
        Assert.Equal("Every room at Back Bay is booked at this time.", Detail(() => BookingRules.Check(Scene(busy: bothBusy), Boston(9, 10), null)));
    }

    [Fact]
    public void A_therapist_without_hours_at_the_location_does_not_work_there()
    {
        var elsewhere = Sam with { Locations = [new LocationHours(Guid.NewGuid(), Sam.Locations[0].Hours)] };

        var refused = Assert.Throws<ConflictException>(() => BookingRules.Check(Scene() with { Therapist = elsewhere }, Boston(9, 10), null));

        Assert.Equal(("Not working here", "Sam does not work at Back Bay."), (refused.Title, refused.Message));
    }

    [Fact]
    public void A_therapist_leaving_the_location_is_booked_there_until_the_day_before_and_not_from_the_day()
    {
        var leaving = Sam with { Locations = [Sam.Locations[0] with { LeavesOn = new DateOnly(2027, 3, 12) }] };
        var scene = Scene() with { Therapist = leaving };

        var lastDay = BookingRules.Check(scene, Boston(11, 16), null);
        var onTheDay = Assert.Throws<ConflictException>(() => BookingRules.Check(scene, Boston(12, 9), null));
        var afterIt = Assert.Throws<ConflictException>(() => BookingRules.Check(scene, Boston(14, 10), null));

        Assert.Equal(Boston(11, 16), lastDay.Session.From);
        Assert.Equal(("Therapist leaving", "Sam works at Back Bay until 2027-03-11."), (onTheDay.Title, onTheDay.Message));
        Assert.Equal("Therapist leaving", afterIt.Title);
        Assert.Empty(leaving.HoursOn(Clinic.Id, new DateOnly(2027, 3, 12)));
        Assert.Equal(Sam.Locations[0].Hours, leaving.HoursOn(Clinic.Id, new DateOnly(2027, 3, 11)));
    }

    [Fact]
    public void Split_opening_hours_take_a_booking_inside_either_part_and_refuse_one_across_the_gap()
    {
        var split = Clinic with
        {
            OpeningHours = [.. Enum.GetValues<DayOfWeek>().SelectMany(d => new[] { new WeeklyHours(d, new TimeOnly(8, 0), new TimeOnly(12, 0)), new WeeklyHours(d, new TimeOnly(13, 0), new TimeOnly(20, 0)) })],
        };

        Assert.Equal(Boston(9, 10), BookingRules.Check(Scene() with { Location = split }, Boston(9, 10), null).Session.From);
        Assert.Equal(Boston(9, 14), BookingRules.Check(Scene() with { Location = split }, Boston(9, 14), null).Session.From);
        Assert.Equal("Outside opening hours", Assert.Throws<ConflictException>(() => BookingRules.Check(Scene() with { Location = split }, Boston(9, 11, 30), null)).Title);
    }

    [Fact]
    public void Any_one_period_of_time_off_keeps_the_therapist_away()
    {
        var twoCourses = Sam with { TimeOff = [.. Sam.TimeOff, new TimeOff(Guid.NewGuid(), Boston(16, 9), Boston(16, 12), "Dentist")] };

        Assert.Equal("Therapist away", Assert.Throws<ConflictException>(() => BookingRules.Check(Scene() with { Therapist = twoCourses }, Boston(16, 10), null)).Title);
        Assert.Equal(Boston(16, 13), BookingRules.Check(Scene() with { Therapist = twoCourses }, Boston(16, 13), null).Session.From);
    }

    [Fact]
    public void Another_therapist_busy_at_the_same_time_does_not_block_this_one()
    {
        var colleague = new Busy(ResourceKind.Therapist, Guid.NewGuid(), new Span(Boston(9, 10), Boston(9, 11, 15)), Guid.NewGuid());

        Assert.Equal(RoomA, BookingRules.Check(Scene(busy: colleague), Boston(9, 10), null).RoomId);
    }

    [Fact]
    public void A_room_asked_for_is_given_when_free_even_with_another_room_busy_and_an_unknown_room_is_not_found()
    {
        var roomABusy = new Busy(ResourceKind.Room, RoomA, new Span(Boston(9, 10), Boston(9, 11, 15)), Guid.NewGuid());

        Assert.Equal(RoomB, BookingRules.Check(Scene(), Boston(9, 10), RoomB).RoomId);
        Assert.Equal(RoomB, BookingRules.Check(Scene(busy: roomABusy), Boston(9, 10), RoomB).RoomId);
        var unknown = Assert.Throws<NotFoundException>(() => BookingRules.Check(Scene(), Boston(9, 10), Guid.NewGuid()));
        Assert.Equal(("Room not found", "Back Bay has no room with this id."), (unknown.Title, unknown.Message));
    }

    [Fact]
    public void The_free_rooms_are_named_in_name_order_and_a_room_asked_for_is_the_only_one()
    {
        var roomABusy = new Busy(ResourceKind.Room, RoomA, new Span(Boston(9, 10), Boston(9, 11, 15)), Guid.NewGuid());

        Assert.Equal([RoomA, RoomB], BookingRules.Check(Scene(), Boston(9, 10), null).FreeRooms);
        Assert.Equal([RoomB], BookingRules.Check(Scene(busy: roomABusy), Boston(9, 10), null).FreeRooms);
        Assert.Equal([RoomB], BookingRules.Check(Scene(), Boston(9, 10), RoomB).FreeRooms);
    }

    [Fact]
    public void The_client_gate_explains_each_refusal()
    {
        string Detail(ClientBookingStatus? client) => Assert.Throws<ConflictException>(() => BookingRules.ClientGate(client)).Message;

        Assert.Equal("Scheduling has not heard of this client from intake. Register the client first (or retry in a moment).", Detail(null));
        Assert.Equal("The client's health intake has expired. Renew it before booking.", Detail(Client(expired: Now)));
        Assert.Equal("The client's screening found an absolute contraindication: no treatment can be booked until it is resolved and the intake updated.", Detail(Client("Contraindicated")));
        var survivor = Guid.NewGuid();
        var merged = Assert.Throws<ConflictException>(() => BookingRules.ClientGate(Client("Contraindicated") with { MergedInto = survivor }));
        Assert.Equal($"This registration was merged into client {survivor}: book that record.", merged.Message);
        Assert.Equal(survivor, merged.Extensions["mergedInto"]);
    }

    [Fact]
    public void A_missing_scene_is_refused_by_name() =>
        Assert.Equal("scene", Assert.Throws<ArgumentNullException>(() => BookingRules.Check(null!, Boston(9, 10), null)).ParamName);
}
