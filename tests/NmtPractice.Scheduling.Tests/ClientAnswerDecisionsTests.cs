using NmtPractice.Scheduling.Appointments;
using NmtPractice.ServiceDefaults.Http;
using static NmtPractice.Scheduling.Tests.BookingExamples;
using BookAppointment = NmtPractice.Scheduling.Appointments.BookAppointment;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// Rule: a client's answer to a message is carried out as the client. "Confirm" marks a booked
/// appointment confirmed, once; "cancel" cancels it (as the client's request, not late) when at least
/// the notice is left, and inside the notice window is refused so the client is asked to call; an
/// answer about an appointment no longer booked or already begun is refused; another client's answer
/// about it changes nothing. The appointment starts at 10:00 Boston time; the notice is 24 hours.
/// </summary>
public sealed class ClientAnswerDecisionsTests
{
    private static readonly TimeSpan Notice = TimeSpan.FromHours(24);

    private static Appointment Booked() =>
        Appointment.Create(AppointmentDecisions.Book(Scene(), new BookAppointment(Guid.NewGuid(), Guid.NewGuid(), Boston(9, 10), null, WaitlistEntryId: null, By: "desk-1")));

    private static ClientAnswer Answer(Appointment appointment, string answer, Guid? client = null) =>
        new(Guid.NewGuid(), client ?? appointment.ClientId, answer, "sms");

    [Fact]
    public void Confirming_marks_the_appointment_confirmed_by_the_client_once()
    {
        var appointment = Booked();
        var answer = Answer(appointment, ClientAnswers.Confirm);
        var now = appointment.StartsAt.AddDays(-1);

        var confirmed = Assert.IsType<AppointmentConfirmedByClient>(Assert.Single(AppointmentDecisions.AnswerByClient(appointment, answer, Notice, now)));
        var again = AppointmentDecisions.AnswerByClient(appointment.After(confirmed), Answer(appointment, ClientAnswers.Confirm), Notice, now.AddMinutes(5));

        Assert.Equal((appointment.Id, answer.AnswerId, "sms", now, $"client:{appointment.ClientId:N} via sms"), (confirmed.AppointmentId, confirmed.AnswerId, confirmed.Via, confirmed.ConfirmedAt, confirmed.ConfirmedBy));
        Assert.Equal(now, appointment.After(confirmed).ConfirmedByClientAt);
        Assert.Empty(again);
    }

    [Fact]
    public void Cancelling_with_the_notice_kept_cancels_as_the_clients_own_request_and_names_the_answer()
    {
        var appointment = Booked();
        var answer = Answer(appointment, ClientAnswers.Cancel);
        var now = appointment.StartsAt - Notice;

        var cancelled = Assert.IsType<AppointmentCancelled>(Assert.Single(AppointmentDecisions.AnswerByClient(appointment, answer, Notice, now)));

        Assert.Equal((CancellationReason.ClientRequest, false, answer.AnswerId, $"client:{appointment.ClientId:N} via sms"), (cancelled.Reason, cancelled.LateCancellation, cancelled.AnswerId, cancelled.CancelledBy));
        Assert.Equal(AppointmentStatus.Cancelled, appointment.After(cancelled).Status);
    }

    [Fact]
    public void Cancelling_inside_the_notice_window_is_refused_and_the_appointment_stays_booked()
    {
        var appointment = Booked();
        var now = appointment.StartsAt - Notice + TimeSpan.FromMinutes(1);

        var refused = Assert.IsType<ClientAnswerRefused>(Assert.Single(AppointmentDecisions.AnswerByClient(appointment, Answer(appointment, ClientAnswers.Cancel), Notice, now)));

        Assert.Equal((ClientAnswers.LateCancellation, ClientAnswers.Cancel), (refused.Reason, refused.Answer));
        Assert.Equal((AppointmentStatus.Booked, now), (appointment.After(refused).Status, appointment.After(refused).ClientAskedToCancelAt));
    }

    [Fact]
    public void The_desk_settles_a_late_cancel_request_the_client_withdrew_once_and_only_while_it_is_open_and_booked()
    {
        var appointment = Booked();
        var askedAt = appointment.StartsAt - Notice + TimeSpan.FromMinutes(1);
        var asked = appointment.After(Assert.Single(AppointmentDecisions.AnswerByClient(appointment, Answer(appointment, ClientAnswers.Cancel), Notice, askedAt)));
        var calledAt = askedAt.AddMinutes(30);

        var settled = AppointmentDecisions.SettleCancelRequest(asked, calledAt, "desk-1");

        Assert.Equal((appointment.Id, askedAt, calledAt, "desk-1"), (settled.AppointmentId, settled.AskedAt, settled.SettledAt, settled.SettledBy));
        var kept = asked.After(settled);
        Assert.Equal((AppointmentStatus.Booked, (DateTimeOffset?)null), (kept.Status, kept.ClientAskedToCancelAt));
        Assert.Equal("No cancel request", Assert.Throws<ConflictException>(() => AppointmentDecisions.SettleCancelRequest(kept, calledAt, "desk-1")).Title);
        Assert.Equal("No cancel request", Assert.Throws<ConflictException>(() => AppointmentDecisions.SettleCancelRequest(appointment, calledAt, "desk-1")).Title);
        var cancelled = asked.After(AppointmentDecisions.Cancel(asked, CancellationReason.ClientRequest, null, Notice, calledAt, "desk-1"));
        Assert.Equal("Not allowed in this state", Assert.Throws<ConflictException>(() => AppointmentDecisions.SettleCancelRequest(cancelled, calledAt, "desk-1")).Title);
    }

    [Theory]
    [InlineData(ClientAnswers.Confirm)]
    [InlineData(ClientAnswers.Cancel)]
    public void An_answer_about_an_appointment_no_longer_booked_or_begun_is_refused(string answer)
    {
        var appointment = Booked();
        var cancelled = appointment.After(AppointmentDecisions.Cancel(appointment, CancellationReason.Other, null, Notice, appointment.StartsAt.AddDays(-3), "desk-1"));

        var afterCancel = Assert.IsType<ClientAnswerRefused>(Assert.Single(AppointmentDecisions.AnswerByClient(cancelled, Answer(appointment, answer), Notice, appointment.StartsAt.AddDays(-2))));
        var begun = Assert.IsType<ClientAnswerRefused>(Assert.Single(AppointmentDecisions.AnswerByClient(appointment, Answer(appointment, answer), Notice, appointment.StartsAt)));

        Assert.Equal((ClientAnswers.NotBooked, ClientAnswers.NotBooked), (afterCancel.Reason, begun.Reason));
    }

    [Fact]
    public void Another_clients_answer_or_an_answer_that_is_neither_changes_nothing()
    {
        var appointment = Booked();
        var now = appointment.StartsAt.AddDays(-3);

        Assert.Empty(AppointmentDecisions.AnswerByClient(appointment, Answer(appointment, ClientAnswers.Cancel, Guid.NewGuid()), Notice, now));
        Assert.Empty(AppointmentDecisions.AnswerByClient(appointment, Answer(appointment, "reschedule"), Notice, now));
    }
}
