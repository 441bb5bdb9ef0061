using NmtPractice.Contracts.Notifications;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rules, through the real SMS gateway: a client's "C" (or "YES") to a text about an upcoming
/// appointment asks scheduling to confirm it and "X" to cancel it (scheduling decides as the client;
/// here the test answers as scheduling would), and the client is texted what became of it: confirmed,
/// cancelled, or, inside the notice window, to call the clinic. "STOP" stops every text to the number
/// at once (nothing waiting goes, the next booking is confirmed by email only), is passed to intake,
/// and is answered once. Anything else is answered with how to reply.
/// </summary>
public sealed class TextReplyTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly PracticeMessages _practice = new(fixture);

    private DateTimeOffset InDays(int days) => fixture.Clock.GetUtcNow().AddDays(days);

    [Fact]
    public async Task C_confirms_and_X_cancels_the_appointment_the_client_was_texted_about_and_the_reply_says_so()
    {
        await _practice.KnownAsync();
        var (client, email, phone) = await _practice.ClientAsync("Cora");
        var appointment = await _practice.BookAsync(client, InDays(3));
        await _practice.TextsAsync(phone, 1);

        await fixture.Sms.ReplyAsync(phone, "c");
        var confirm = (AppointmentAnswered)(await fixture.Bus.WaitForAsync<AppointmentAnswered>(m => m.ClientId == client && m.Answer == "confirm")).Message;
        Assert.Equal((appointment, _practice.Location, "sms"), (confirm.AppointmentId, confirm.LocationId, confirm.Via));
        await fixture.Bus.PublishAsync(
            new AppointmentConfirmed(appointment, client, _practice.Location, InDays(3), "sms", confirm.AnswerId, fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        var texts = await _practice.TextsAsync(phone, 2);
        Assert.StartsWith("Back Bay: thank you, your appointment", texts[1], StringComparison.Ordinal);
        Assert.EndsWith("is confirmed.", texts[1], StringComparison.Ordinal);

        await fixture.Sms.ReplyAsync(phone, "X");
        var cancel = (AppointmentAnswered)(await fixture.Bus.WaitForAsync<AppointmentAnswered>(m => m.ClientId == client && m.Answer == "cancel")).Message;
        await fixture.Bus.PublishAsync(
            new AppointmentCancelled(appointment, client, _practice.Location, _practice.Therapist, "NMT-60", InDays(3), InDays(3).AddHours(1), "client-request", false,
                fixture.Clock.GetUtcNow().AddSeconds(1), cancel.AnswerId),
            Guid.CreateVersion7());
        texts = await _practice.TextsAsync(phone, 3);
        Assert.Matches("^Back Bay: your appointment .* is cancelled\\.$", texts[2]);
        // The email tells it too; the text channel got the reply, not a second notice.
        Assert.StartsWith("Cancelled: your appointment on", (await _practice.MailAsync(email, 2))[1].Subject, StringComparison.Ordinal);
        Assert.True(fixture.Sms.To(phone).Count == 3, $"texts: {string.Join(" | ", fixture.Sms.To(phone).Select(t => t.Text))}; messages: {await _practice.SummaryAsync(client)}");
    }

    [Fact]
    public async Task X_inside_the_notice_window_is_answered_with_a_request_to_call_the_clinic()
    {
        await _practice.KnownAsync();
        var (client, _, phone) = await _practice.ClientAsync("Dev");
        var appointment = await _practice.BookAsync(client, fixture.Clock.GetUtcNow().AddHours(5));
        await _practice.TextsAsync(phone, 1);

        await fixture.Sms.ReplyAsync(phone, "X");
        var cancel = (AppointmentAnswered)(await fixture.Bus.WaitForAsync<AppointmentAnswered>(m => m.ClientId == client)).Message;
        await fixture.Bus.PublishAsync(new ClientAnswerRefused(appointment, client, _practice.Location, cancel.AnswerId, "late-cancellation", fixture.Clock.GetUtcNow()), Guid.CreateVersion7());

        var texts = await _practice.TextsAsync(phone, 2);
        Assert.Contains("is less than 24 hours away. Please call the clinic to cancel.", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task STOP_stops_every_text_at_once_is_passed_to_intake_and_is_answered_once()
    {
        await _practice.KnownAsync();
        var (client, email, phone) = await _practice.ClientAsync("Eli");
        await _practice.BookAsync(client, InDays(4));
        await _practice.TextsAsync(phone, 1);
        Assert.Contains("Reminder Sms Planned", await _practice.SummaryAsync(client), StringComparison.Ordinal);

        await fixture.Sms.ReplyAsync(phone, "Stop");
        var stopped = (ClientMessagesStopped)(await fixture.Bus.WaitForAsync<ClientMessagesStopped>(m => m.ClientId == client)).Message;
        Assert.Equal(("sms", "sms-stop"), (stopped.Channel, stopped.Via));
        var texts = await _practice.TextsAsync(phone, 2);
        Assert.Equal("You will get no more text messages from us. Ask the clinic to start them again.", texts[1]);
        Assert.Contains("Reminder Sms Withdrawn", await _practice.SummaryAsync(client), StringComparison.Ordinal);

        // A new booking is confirmed by email alone.
        await _practice.BookAsync(client, InDays(6));
        await _practice.MailAsync(email, 2);
        var summary = await Eventually.ValueAsync("the second booking is planned", () => _practice.SummaryAsync(client), s => s.Split("; ").Count(m => m.StartsWith("Confirmation", StringComparison.Ordinal)) == 3);
        Assert.DoesNotContain("Confirmation Sms Planned", summary, StringComparison.Ordinal);
        Assert.Equal(2, fixture.Sms.To(phone).Count);
    }

    [Fact]
    public async Task A_text_that_is_no_answer_is_answered_with_how_to_reply()
    {
        await _practice.KnownAsync();
        var (client, _, phone) = await _practice.ClientAsync("Fay");
        await _practice.BookAsync(client, InDays(2));
        await _practice.TextsAsync(phone, 1);

        await fixture.Sms.ReplyAsync(phone, "What time was it again?");

        var texts = await _practice.TextsAsync(phone, 2);
        Assert.Equal("Reply C to confirm your appointment, X to cancel it, or STOP for no more texts.", texts[1]);
        Assert.DoesNotContain(fixture.Bus.Received, m => m.Message is AppointmentAnswered answered && answered.ClientId == client);
    }
}
