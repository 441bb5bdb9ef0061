using System.Text.Json;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NmtPractice.Contracts.Notifications;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rules, against the real SMTP server and SMS gateway: a booking is confirmed to the client by email
/// (with an .ics at the right instant) and by text, each on the channel the client agreed to; reminders
/// go at the location's wall-clock time before the visit (email 48 h, text 24 h), also on the days the
/// clocks change; a cancelled appointment gets no reminder, only the notice that it is cancelled; the
/// gateway's delivery report marks a text delivered. The clock is the test's.
/// </summary>
public sealed class NotificationJourneyTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static readonly TimeSpan Edt = TimeSpan.FromHours(-4);
    private static readonly TimeSpan Est = TimeSpan.FromHours(-5);
    private readonly PracticeMessages _practice = new(fixture);

    [Fact]
    public async Task A_booking_is_confirmed_reminded_on_clock_change_days_and_a_cancelled_one_is_never_reminded()
    {
        await _practice.KnownAsync();
        var (ava, avaEmail, avaPhone) = await _practice.ClientAsync("Ava");
        var (ben, benEmail, benPhone) = await _practice.ClientAsync("Ben");

        // Ava: Monday 15 March 2027 at 10:00, the day after the clocks go forward.
        var visit = new DateTimeOffset(2027, 3, 15, 10, 0, 0, Edt);
        var avaVisit = await _practice.BookAsync(ava, visit);
        // Ben: two hours later, confirmed, then cancelled before any reminder.
        var benVisit = await _practice.BookAsync(ben, visit.AddHours(2));
        await _practice.MailAsync(benEmail, 1);
        await Eventually.UntilAsync("Ben's confirmation text is delivered", async () =>
            (await _practice.MessagesAsync(ben)).Any(m => PracticeMessages.Is(m, "Confirmation", "Sms", "Delivered")));
        await fixture.Bus.PublishAsync(
            new AppointmentCancelled(benVisit, ben, _practice.Location, _practice.Therapist, "NMT-60", visit.AddHours(2), visit.AddHours(3), "client-request", false, fixture.Clock.GetUtcNow().AddSeconds(1)),
            Guid.CreateVersion7());

        // The confirmation email: subject, the location's local time, and an .ics at the right instant.
        var confirmation = await _practice.MailAsync(avaEmail, 1);
        Assert.Equal("Booked: Monday, March 15, 10:00 AM at Back Bay", confirmation[0].Subject);
        Assert.Contains("12 Newbury St, Boston", confirmation[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("If you cannot come, please let us know 24 hours ahead.", confirmation[0].TextBody, StringComparison.Ordinal);
        var ics = Assert.Single(confirmation[0].Attachments.OfType<MimePart>(), part => part.FileName == "appointment.ics");
        using var icsText = new MemoryStream();
        await ics.Content!.DecodeToAsync(icsText, TestContext.Current.CancellationToken);
        var calendar = Calendar.Load(System.Text.Encoding.UTF8.GetString(icsText.ToArray()))!;
        var calendarEvent = Assert.Single(calendar.Events);
        Assert.Equal(visit.UtcDateTime, calendarEvent.DtStart!.AsUtc);
        Assert.Equal(visit.AddHours(1).UtcDateTime, calendarEvent.End!.AsUtc);

        // The confirmation text reaches the phone, and the operator's delivery report marks it delivered.
        var texts = await _practice.TextsAsync(avaPhone, 1);
        Assert.Equal("Back Bay: you are booked Monday, March 15, 10:00 AM with Maya Chen. Reply C to confirm, X to cancel.", texts[0]);
        await Eventually.UntilAsync("the confirmation text is delivered", async () =>
            (await _practice.MessagesAsync(ava)).Any(m => PracticeMessages.Is(m, "Confirmation", "Sms", "Delivered")));

        // Reminders are planned at the wall-clock times: Saturday 10:00 EST by email, Sunday 10:00 EDT by text.
        var planned = await _practice.MessagesAsync(ava);
        Assert.Equal(new DateTimeOffset(2027, 3, 13, 10, 0, 0, Est), SendAt(planned, "Reminder", "Email"));
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 10, 0, 0, Edt), SendAt(planned, "Reminder", "Sms"));
        // Ben's were withdrawn when his visit was cancelled; he was told it is cancelled.
        await Eventually.ValueAsync(
            "Ben's reminders are withdrawn",
            async () => string.Join("; ", (await _practice.MessagesAsync(ben)).Select(m => $"{PracticeMessages.Kind(m)} {PracticeMessages.Channel(m)} {PracticeMessages.Status(m)}")),
            his => his.Split("; ").Count(m => m.StartsWith("Reminder", StringComparison.Ordinal) && m.EndsWith("Withdrawn", StringComparison.Ordinal)) == 2
                && !his.Split("; ").Any(m => m.StartsWith("Reminder", StringComparison.Ordinal) && !m.EndsWith("Withdrawn", StringComparison.Ordinal)));
        await Eventually.ValueAsync(
            "Ben is told his visit is cancelled, by email and text",
            async () => string.Join("; ", (await _practice.MessagesAsync(ben)).Select(m => $"{PracticeMessages.Kind(m)} {PracticeMessages.Channel(m)} {PracticeMessages.Status(m)}")),
            his => his.Contains("Cancellation Email Sent", StringComparison.Ordinal) && his.Contains("Cancellation Sms Delivered", StringComparison.Ordinal));
        await _practice.MailAsync(benEmail, 2);

        // Saturday 10:00 EST: the email reminder goes.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 13, 10, 0, 0, Est).ToUniversalTime());
        var reminder = await _practice.MailAsync(avaEmail, 2);
        Assert.Equal("Reminder: Monday, March 15, 10:00 AM at Back Bay", reminder[1].Subject);

        // Sunday 10:00 EDT (23 hours before, the clocks having gone forward): the text reminder goes.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 14, 10, 0, 0, Edt).ToUniversalTime());
        texts = await _practice.TextsAsync(avaPhone, 2);
        Assert.StartsWith("Back Bay: reminder of your appointment Monday, March 15, 10:00 AM", texts[1], StringComparison.Ordinal);

        // Reporting learns that each reminder reached Ava: the email when her mail server took it, the text when the operator delivered it.
        await Eventually.UntilAsync("both reminders are reported reached", () => Task.FromResult(
            fixture.Bus.Received.Select(m => m.Message).OfType<AppointmentReminderDelivered>().Where(r => r.AppointmentId == avaVisit).Select(r => r.Channel).Order(StringComparer.Ordinal)
                .SequenceEqual(["email", "sms"])));
        Assert.DoesNotContain(fixture.Bus.Received, m => m.Message is AppointmentReminderDelivered r && r.AppointmentId == benVisit);

        // Past Ben's reminder times: he got the confirmation and the cancellation, by email and text, nothing more.
        fixture.Clock.SetUtcNow(visit.AddHours(2).ToUniversalTime());
        var lastDue = await _practice.MessagesAsync(ben);
        Assert.All(lastDue.Where(m => PracticeMessages.Kind(m) == "Reminder"), m => Assert.Equal("Withdrawn", PracticeMessages.Status(m)));
        Assert.Equal(["Booked: Monday, March 15, 12:00 PM at Back Bay", "Cancelled: your appointment on Monday, March 15, 12:00 PM"],
            (await fixture.Mail.MessagesToAsync(benEmail)).Select(m => m.Subject));
        Assert.Equal(2, fixture.Sms.To(benPhone).Count);

        // The day after the clocks go back (Monday 8 November 2027, 10:00 EST): the text goes at Sunday 10:00 EST, 25 hours before.
        var autumn = new DateTimeOffset(2027, 11, 8, 10, 0, 0, Est);
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 1, 12, 0, 0, Est).ToUniversalTime());
        await _practice.BookAsync(ava, autumn);
        await _practice.TextsAsync(avaPhone, 3);
        var autumnPlan = await Eventually.ValueAsync("the autumn reminders are planned", () => _practice.MessagesAsync(ava),
            messages => messages.Count(m => PracticeMessages.Kind(m) == "Reminder" && PracticeMessages.StartsAt(m) == autumn) == 2);
        Assert.Equal(new DateTimeOffset(2027, 11, 7, 10, 0, 0, Est), autumnPlan.Single(m => PracticeMessages.Kind(m) == "Reminder" && PracticeMessages.Channel(m) == "Sms" && PracticeMessages.StartsAt(m) == autumn).GetProperty("sendAt").GetDateTimeOffset());
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 7, 10, 0, 0, Est).ToUniversalTime());
        texts = await _practice.TextsAsync(avaPhone, 4);
        Assert.StartsWith("Back Bay: reminder of your appointment Monday, November 8, 10:00 AM", texts[3], StringComparison.Ordinal);
    }

    private static DateTimeOffset SendAt(IReadOnlyList<JsonElement> messages, string kind, string channel) =>
        messages.Single(m => PracticeMessages.Kind(m) == kind && PracticeMessages.Channel(m) == channel).GetProperty("sendAt").GetDateTimeOffset();
}
