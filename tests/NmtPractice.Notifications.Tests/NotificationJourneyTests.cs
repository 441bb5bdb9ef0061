using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.Security;
using NmtPractice.Notifications.Locations;
using NmtPractice.Notifications.Recipients;
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
    private readonly Guid _location = Guid.CreateVersion7();
    private readonly Guid _therapist = Guid.CreateVersion7();

    [Fact]
    public async Task A_booking_is_confirmed_reminded_on_clock_change_days_and_a_cancelled_one_is_never_reminded()
    {
        await KnownPracticeAsync();
        var (ava, avaEmail, avaPhone) = await ClientAsync("Ava");
        var (ben, benEmail, benPhone) = await ClientAsync("Ben");

        // Ava: Monday 15 March 2027 at 10:00, the day after the clocks go forward.
        var visit = new DateTimeOffset(2027, 3, 15, 10, 0, 0, Edt);
        var avaVisit = await BookAsync(ava, visit);
        // Ben: two hours later, confirmed, then cancelled before any reminder.
        var benVisit = await BookAsync(ben, visit.AddHours(2));
        await MailAsync(benEmail, 1);
        await Eventually.UntilAsync("Ben's confirmation text is delivered", async () =>
            (await MessagesAsync(ben)).Any(m => Is(m, "Confirmation", "Sms", "Delivered")));
        await fixture.Bus.PublishAsync(
            new AppointmentCancelled(benVisit, ben, _location, _therapist, "NMT-60", visit.AddHours(2), visit.AddHours(3), "client-request", false, fixture.Clock.GetUtcNow().AddSeconds(1)),
            Guid.CreateVersion7());

        // The confirmation email: subject, the location's local time, and an .ics at the right instant.
        var confirmation = await MailAsync(avaEmail, 1);
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
        var texts = await TextsAsync(avaPhone, 1);
        Assert.Equal("Back Bay: you are booked Monday, March 15, 10:00 AM with Maya Chen. Reply C to confirm, X to cancel.", texts[0]);
        await Eventually.UntilAsync("the confirmation text is delivered", async () =>
            (await MessagesAsync(ava)).Any(m => Is(m, "Confirmation", "Sms", "Delivered")));

        // Reminders are planned at the wall-clock times: Saturday 10:00 EST by email, Sunday 10:00 EDT by text.
        var planned = await MessagesAsync(ava);
        Assert.Equal(new DateTimeOffset(2027, 3, 13, 10, 0, 0, Est), SendAt(planned, "Reminder", "Email"));
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 10, 0, 0, Edt), SendAt(planned, "Reminder", "Sms"));
        // Ben's were withdrawn when his visit was cancelled; he was told it is cancelled.
        await Eventually.ValueAsync(
            "Ben's reminders are withdrawn",
            async () => string.Join("; ", (await MessagesAsync(ben)).Select(m => $"{Kind(m)} {Channel(m)} {Status(m)}")),
            his => his.Split("; ").Count(m => m.StartsWith("Reminder", StringComparison.Ordinal) && m.EndsWith("Withdrawn", StringComparison.Ordinal)) == 2
                && !his.Split("; ").Any(m => m.StartsWith("Reminder", StringComparison.Ordinal) && !m.EndsWith("Withdrawn", StringComparison.Ordinal)));
        await Eventually.ValueAsync(
            "Ben is told his visit is cancelled, by email and text",
            async () => string.Join("; ", (await MessagesAsync(ben)).Select(m => $"{Kind(m)} {Channel(m)} {Status(m)}")),
            his => his.Contains("Cancellation Email Sent", StringComparison.Ordinal) && his.Contains("Cancellation Sms Delivered", StringComparison.Ordinal));
        await MailAsync(benEmail, 2);

        // Saturday 10:00 EST: the email reminder goes.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 13, 10, 0, 0, Est).ToUniversalTime());
        var reminder = await MailAsync(avaEmail, 2);
        Assert.Equal("Reminder: Monday, March 15, 10:00 AM at Back Bay", reminder[1].Subject);

        // Sunday 10:00 EDT (23 hours before, the clocks having gone forward): the text reminder goes.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 14, 10, 0, 0, Edt).ToUniversalTime());
        texts = await TextsAsync(avaPhone, 2);
        Assert.StartsWith("Back Bay: reminder of your appointment Monday, March 15, 10:00 AM", texts[1], StringComparison.Ordinal);

        // Past Ben's reminder times: he got the confirmation and the cancellation, by email and text, nothing more.
        fixture.Clock.SetUtcNow(visit.AddHours(2).ToUniversalTime());
        var lastDue = await MessagesAsync(ben);
        Assert.All(lastDue.Where(m => Kind(m) == "Reminder"), m => Assert.Equal("Withdrawn", Status(m)));
        Assert.Equal(["Booked: Monday, March 15, 12:00 PM at Back Bay", "Cancelled: your appointment on Monday, March 15, 12:00 PM"],
            (await fixture.Mail.MessagesToAsync(benEmail)).Select(m => m.Subject));
        Assert.Equal(2, fixture.Sms.To(benPhone).Count);

        // The day after the clocks go back (Monday 8 November 2027, 10:00 EST): the text goes at Sunday 10:00 EST, 25 hours before.
        var autumn = new DateTimeOffset(2027, 11, 8, 10, 0, 0, Est);
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 1, 12, 0, 0, Est).ToUniversalTime());
        await BookAsync(ava, autumn);
        await TextsAsync(avaPhone, 3);
        var autumnPlan = await Eventually.ValueAsync("the autumn reminders are planned", () => MessagesAsync(ava),
            messages => messages.Count(m => Kind(m) == "Reminder" && StartsAt(m) == autumn) == 2);
        Assert.Equal(new DateTimeOffset(2027, 11, 7, 10, 0, 0, Est), autumnPlan.Single(m => Kind(m) == "Reminder" && Channel(m) == "Sms" && StartsAt(m) == autumn).GetProperty("sendAt").GetDateTimeOffset());
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 7, 10, 0, 0, Est).ToUniversalTime());
        texts = await TextsAsync(avaPhone, 4);
        Assert.StartsWith("Back Bay: reminder of your appointment Monday, November 8, 10:00 AM", texts[3], StringComparison.Ordinal);
    }

    private async Task KnownPracticeAsync()
    {
        await fixture.Bus.PublishAsync(
            new LocationPublished(_location, "Back Bay", "America/New_York", [], fixture.Clock.GetUtcNow(), "12 Newbury St, Boston, MA 02116, US"), Guid.CreateVersion7());
        await fixture.Bus.PublishAsync(new TherapistRegistered(_therapist, "Maya Chen", null, fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        await Eventually.UntilAsync("the location and therapist are known", async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.LoadAsync<KnownLocation>(_location) is not null && await session.LoadAsync<KnownTherapist>(_therapist) is not null;
        });
    }

    private async Task<(Guid Id, string Email, string Phone)> ClientAsync(string name)
    {
        var id = Guid.CreateVersion7();
        var email = $"{name.ToLowerInvariant()}.{id:N}@example.org";
        var phone = $"+1617{Random.Shared.Next(1_000_000, 9_999_999)}";
        await fixture.Bus.PublishAsync(new ClientContactChanged(id, _location, email, phone, true, true, "en", "in-person", fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        await Eventually.UntilAsync("the client's contact is known", async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.LoadAsync<Recipient>(id) is not null;
        });
        return (id, email, phone);
    }

    private async Task<Guid> BookAsync(Guid client, DateTimeOffset startsAt)
    {
        var id = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(
            new AppointmentBooked(id, client, _location, _therapist, "NMT-60", startsAt, startsAt.AddHours(1), fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        return id;
    }

    private async Task<IReadOnlyList<MimeMessage>> MailAsync(string address, int count)
    {
        var received = await Eventually.ValueAsync($"{count} emails to the client", () => fixture.Mail.MessagesToAsync(address), messages => messages.Count >= count);
        var parsed = new List<MimeMessage>();
        foreach (var (id, _) in received)
        {
            await using var raw = await fixture.Mail.RawAsync(id);
            parsed.Add(await MimeMessage.LoadAsync(raw, TestContext.Current.CancellationToken));
        }

        return parsed;
    }

    private async Task<IReadOnlyList<string>> TextsAsync(string phone, int count) =>
        (await Eventually.ValueAsync($"{count} texts to the client's phone", () => Task.FromResult(fixture.Sms.To(phone)), texts => texts.Count >= count))
            .Select(text => text.Text).ToList();

    private async Task<IReadOnlyList<JsonElement>> MessagesAsync(Guid client)
    {
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _location);
        return await desk.GetFromJsonAsync<List<JsonElement>>($"/api/notifications/clients/{client}/messages", TestContext.Current.CancellationToken) ?? [];
    }

    private static string Kind(JsonElement message) => message.GetProperty("kind").GetString()!;

    private static string Channel(JsonElement message) => message.GetProperty("channel").GetString()!;

    private static string Status(JsonElement message) => message.GetProperty("status").GetString()!;

    private static DateTimeOffset? StartsAt(JsonElement message) =>
        message.GetProperty("appointmentStartsAt") is { ValueKind: JsonValueKind.String } at ? at.GetDateTimeOffset() : null;

    private static bool Is(JsonElement message, string kind, string channel, string status) =>
        Kind(message) == kind && Channel(message) == channel && Status(message) == status;

    private static DateTimeOffset SendAt(IReadOnlyList<JsonElement> messages, string kind, string channel) =>
        messages.Single(m => Kind(m) == kind && Channel(m) == channel).GetProperty("sendAt").GetDateTimeOffset();
}
