using NmtPractice.Scheduling.Appointments;
using NmtPractice.Scheduling.Practice.Locations;
using NmtPractice.ServiceDefaults.Http;
using static NmtPractice.Scheduling.Tests.BookingExamples;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// The rules a client's own booking meets before every booking's rules, pure: the location's online
/// policy (service, notice, horizon in its calendar, new clients), then a screening gate that decides
/// alone. Each refusal carries the reason the portal explains.
/// </summary>
public sealed class OnlineBookingRulesTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>NMT-60 online, 12 hours' notice, 14 days ahead, new clients welcome.</summary>
    private static readonly OnlineBookingPolicy Policy = new(true, ["NMT-60"], 14, 12, true, 24);

    private static string Refusal(Action check) => (string)Assert.Throws<ConflictException>(check).Extensions["reason"]!;

    [Fact]
    public void A_service_the_location_takes_online_within_notice_and_horizon_passes_for_a_new_client()
    {
        BookingRules.CheckOnline(Policy, Zone, "NMT-60", Now.AddHours(12), Now, knownHere: false);
        BookingRules.CheckOnline(Policy, Zone, "nmt-60", Now.AddDays(3), Now, knownHere: true);
    }

    [Fact]
    public void A_service_not_taken_online_or_a_closed_location_is_not_offered()
    {
        Assert.Equal(OnlineRefusals.NotOffered, Refusal(() => BookingRules.CheckOnline(Policy, Zone, "NMT-90", Now.AddDays(1), Now, true)));
        Assert.Equal(OnlineRefusals.NotOffered, Refusal(() => BookingRules.CheckOnline(Policy with { Open = false }, Zone, "NMT-60", Now.AddDays(1), Now, true)));
    }

    [Fact]
    public void Sooner_than_the_minimum_notice_is_too_soon_by_one_minute()
    {
        var error = Assert.Throws<ConflictException>(() => BookingRules.CheckOnline(Policy, Zone, "NMT-60", Now.AddHours(12).AddMinutes(-1), Now, true));

        Assert.Equal((OnlineRefusals.TooSoon, "Online bookings here start at least 12 hours ahead. Call the clinic for a sooner time."), ((string)error.Extensions["reason"]!, error.Message));
    }

    [Fact]
    public void The_horizon_ends_with_the_last_day_in_the_locations_calendar_not_fourteen_times_24_hours()
    {
        // Now is 07:00 in Boston on 1 March; the fourteenth day ahead is 15 March, all of it, in Boston's time.
        var lastDayLate = new DateTimeOffset(2027, 3, 15, 23, 30, 0, TimeSpan.FromHours(-4));
        var nextDayEarly = new DateTimeOffset(2027, 3, 16, 0, 0, 0, TimeSpan.FromHours(-4));

        BookingRules.CheckOnline(Policy, Zone, "NMT-60", lastDayLate, Now, true);
        var error = Assert.Throws<ConflictException>(() => BookingRules.CheckOnline(Policy, Zone, "NMT-60", nextDayEarly, Now, true));
        Assert.Equal((OnlineRefusals.TooFarAhead, "Online bookings here are taken up to 14 days ahead."), ((string)error.Extensions["reason"]!, error.Message));
    }

    [Fact]
    public void Where_new_clients_book_by_phone_only_a_client_the_location_knows_books_online()
    {
        var existingOnly = Policy with { NewClients = false };

        BookingRules.CheckOnline(existingOnly, Zone, "NMT-60", Now.AddDays(1), Now, knownHere: true);
        Assert.Equal(OnlineRefusals.NewClientsByPhone, Refusal(() => BookingRules.CheckOnline(existingOnly, Zone, "NMT-60", Now.AddDays(1), Now, knownHere: false)));
    }

    [Theory]
    [InlineData("Cleared")]
    [InlineData("ClearedWithPrecautions")]
    public void A_cleared_client_books_online_with_or_without_precautions(string screening) =>
        BookingRules.OnlineClientGate(Client(screening));

    [Theory]
    [InlineData(null, OnlineRefusals.IntakeNeeded, "Health questions first")]
    [InlineData("PhysicianClearanceRequired", OnlineRefusals.ClearanceNeeded, "A note from your doctor first")]
    [InlineData("Contraindicated", OnlineRefusals.CallTheClinic, "Please call the clinic")]
    public void The_screening_decides_alone_online_what_the_desk_would_book_with_a_flag_the_client_cannot(string? screening, string reason, string title)
    {
        var error = Assert.Throws<ConflictException>(() => BookingRules.OnlineClientGate(Client(screening)));

        Assert.Equal((reason, title), ((string)error.Extensions["reason"]!, error.Title));
        // The client is told what to do, never the finding: nothing clinical in the words.
        Assert.DoesNotContain("contraindicat", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_client_scheduling_has_not_heard_of_fills_in_the_health_questions_first() =>
        Assert.Equal(OnlineRefusals.IntakeNeeded, Refusal(() => BookingRules.OnlineClientGate(null)));

    [Fact]
    public void An_intake_due_for_renewal_is_renewed_first_and_a_newer_screening_lifts_it()
    {
        Assert.Equal(OnlineRefusals.IntakeRenewalNeeded, Refusal(() => BookingRules.OnlineClientGate(Client(expired: Now))));

        BookingRules.OnlineClientGate(Client() with { IntakeExpiredAt = Now.AddDays(-2), ScreenedAt = Now.AddDays(-1) });
    }

    [Fact]
    public void A_merged_duplicate_is_refused_as_at_the_desk()
    {
        var survivor = Guid.NewGuid();

        var error = Assert.Throws<ConflictException>(() => BookingRules.OnlineClientGate(Client() with { MergedInto = survivor }));

        Assert.Equal(survivor, error.Extensions["mergedInto"]);
    }

    [Fact]
    public void A_client_moves_or_cancels_online_until_the_notice_and_from_then_on_calls_the_clinic()
    {
        var appointment = Appointment.Create(AppointmentDecisions.Book(Scene(), new NmtPractice.Scheduling.Appointments.BookAppointment(Guid.NewGuid(), Guid.NewGuid(), Boston(9, 10), null, null, "client:1")));
        var notice = Policy.CancellationNotice;

        BookingRules.CheckOnlineChange(appointment, Policy, appointment.StartsAt - notice);
        var late = Assert.Throws<ConflictException>(() => BookingRules.CheckOnlineChange(appointment, Policy, appointment.StartsAt - notice + TimeSpan.FromMinutes(1)));
        Assert.Equal(
            (OnlineRefusals.CallToChange, "Your appointment is less than 24 hours away: please call the clinic to move or cancel it."),
            ((string)late.Extensions["reason"]!, late.Message));
    }

    [Fact]
    public void An_appointment_no_longer_booked_or_already_begun_cannot_be_changed_online()
    {
        var appointment = Appointment.Create(AppointmentDecisions.Book(Scene(), new NmtPractice.Scheduling.Appointments.BookAppointment(Guid.NewGuid(), Guid.NewGuid(), Boston(9, 10), null, null, "client:1")));
        var cancelled = appointment.After(AppointmentDecisions.Cancel(appointment, CancellationReason.ClientRequest, null, TimeSpan.FromHours(24), Now, "desk"));

        Assert.Equal(OnlineRefusals.NotBooked, Refusal(() => BookingRules.CheckOnlineChange(cancelled, Policy, Now)));
        Assert.Equal(OnlineRefusals.NotBooked, Refusal(() => BookingRules.CheckOnlineChange(appointment, Policy with { CancellationNoticeHours = 0 }, appointment.StartsAt)));
        BookingRules.CheckOnlineChange(appointment, Policy with { CancellationNoticeHours = 0 }, appointment.StartsAt.AddMinutes(-1));
    }

    /// <summary>Every refusal tells the client, in words, what to do next: the portal shows them as they are.</summary>
    [Fact]
    public void Each_online_refusal_says_in_words_what_the_client_can_do()
    {
        static (string Reason, string Title, string Detail) Words(Action check)
        {
            var error = Assert.Throws<ConflictException>(check);
            return ((string)error.Extensions["reason"]!, error.Title, error.Message);
        }

        var booked = Appointment.Create(AppointmentDecisions.Book(Scene(), new NmtPractice.Scheduling.Appointments.BookAppointment(Guid.NewGuid(), Guid.NewGuid(), Boston(9, 10), null, null, "client:1")));
        Assert.Equal(
            [
                (OnlineRefusals.NotOffered, "Not bookable online", "This location does not take online bookings for this service."),
                (OnlineRefusals.TooSoon, "Too soon to book online", "Online bookings here start at least 12 hours ahead. Call the clinic for a sooner time."),
                (OnlineRefusals.TooFarAhead, "Too far ahead to book online", "Online bookings here are taken up to 14 days ahead."),
                (OnlineRefusals.NewClientsByPhone, "New clients book by phone", "This clinic books a first visit by phone. Please call it."),
                (OnlineRefusals.IntakeNeeded, "Health questions first", "Fill in your health questions before booking: the clinic checks them before every first visit."),
                (OnlineRefusals.IntakeRenewalNeeded, "Health questions to renew", "Your health questions are due for renewal. Answer them again before booking."),
                (OnlineRefusals.CallTheClinic, "Please call the clinic", "We cannot book this online. Please call the clinic: they will talk it through with you."),
                (OnlineRefusals.ClearanceNeeded, "A note from your doctor first", "The clinic needs a note from your doctor before your first visit. Once it has it, the clinic books you."),
                (OnlineRefusals.NotBooked, "No longer booked", "This appointment can no longer be changed."),
                (OnlineRefusals.CallToChange, "Please call the clinic", "Your appointment is less than 24 hours away: please call the clinic to move or cancel it."),
            ],
            [
                Words(() => BookingRules.CheckOnline(Policy, Zone, "NMT-90", Now.AddDays(1), Now, true)),
                Words(() => BookingRules.CheckOnline(Policy, Zone, "NMT-60", Now, Now, true)),
                Words(() => BookingRules.CheckOnline(Policy, Zone, "NMT-60", Now.AddDays(20), Now, true)),
                Words(() => BookingRules.CheckOnline(Policy with { NewClients = false }, Zone, "NMT-60", Now.AddDays(1), Now, false)),
                Words(() => BookingRules.OnlineClientGate(Client(null))),
                Words(() => BookingRules.OnlineClientGate(Client(expired: Now))),
                Words(() => BookingRules.OnlineClientGate(Client("Contraindicated"))),
                Words(() => BookingRules.OnlineClientGate(Client("PhysicianClearanceRequired"))),
                Words(() => BookingRules.CheckOnlineChange(booked, Policy, booked.StartsAt)),
                Words(() => BookingRules.CheckOnlineChange(booked, Policy, booked.StartsAt.AddHours(-1))),
            ]);
    }

    [Fact]
    public void Missing_policy_or_zone_is_refused_by_name()
    {
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => BookingRules.CheckOnline(null!, Zone, "NMT-60", Now, Now, true)).ParamName);
        Assert.Equal("zone", Assert.Throws<ArgumentNullException>(() => BookingRules.CheckOnline(Policy, null!, "NMT-60", Now, Now, true)).ParamName);
        Assert.Equal("appointment", Assert.Throws<ArgumentNullException>(() => BookingRules.CheckOnlineChange(null!, Policy, Now)).ParamName);
        var booked = Appointment.Create(AppointmentDecisions.Book(Scene(), new NmtPractice.Scheduling.Appointments.BookAppointment(Guid.NewGuid(), Guid.NewGuid(), Boston(9, 10), null, null, "client:1")));
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => BookingRules.CheckOnlineChange(booked, null!, Now)).ParamName);
    }

}
