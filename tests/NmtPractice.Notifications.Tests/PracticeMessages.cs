using System.Net.Http.Json;
using System.Text.Json;
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
/// A location, a therapist and clients as scheduling and intake publish them, for one test's own
/// location; and what the test reads back: the mail server's inbox, the phones, the client's messages.
/// </summary>
internal sealed class PracticeMessages(NotificationsFixture fixture)
{
    public Guid Location { get; } = Guid.CreateVersion7();

    public Guid Therapist { get; } = Guid.CreateVersion7();

    public async Task KnownAsync()
    {
        await fixture.Bus.PublishAsync(
            new LocationPublished(Location, "Back Bay", "America/New_York", [], fixture.Clock.GetUtcNow(), "12 Newbury St, Boston, MA 02116, US"), Guid.CreateVersion7());
        await fixture.Bus.PublishAsync(new TherapistRegistered(Therapist, "Maya Chen", null, fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        await Eventually.UntilAsync("the location and therapist are known", async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.LoadAsync<KnownLocation>(Location) is not null && await session.LoadAsync<KnownTherapist>(Therapist) is not null;
        });
    }

    public async Task<(Guid Id, string Email, string Phone)> ClientAsync(string name, bool email = true, bool sms = true, string language = "en")
    {
        var id = Guid.CreateVersion7();
        var address = $"{name.ToLowerInvariant()}.{id:N}@example.org";
        var phone = $"+1617{Random.Shared.Next(1_000_000, 9_999_999)}";
        await fixture.Bus.PublishAsync(new ClientContactChanged(id, Location, address, phone, email, sms, language, "in-person", fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        await Eventually.UntilAsync("the client's contact is known", async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.LoadAsync<Recipient>(id) is not null;
        });
        return (id, address, phone);
    }

    public async Task<Guid> BookAsync(Guid client, DateTimeOffset startsAt)
    {
        var id = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(
            new AppointmentBooked(id, client, Location, Therapist, "NMT-60", startsAt, startsAt.AddHours(1), fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        return id;
    }

    public async Task<IReadOnlyList<MimeMessage>> MailAsync(string address, int count)
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

    public async Task<IReadOnlyList<string>> TextsAsync(string phone, int count) =>
        (await Eventually.ValueAsync($"{count} texts to the client's phone", () => Task.FromResult(fixture.Sms.To(phone)), texts => texts.Count >= count))
            .Select(text => text.Text).ToList();

    public async Task<IReadOnlyList<JsonElement>> MessagesAsync(Guid client)
    {
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, Location);
        return await desk.GetFromJsonAsync<List<JsonElement>>($"/api/notifications/clients/{client}/messages", TestContext.Current.CancellationToken) ?? [];
    }

    /// <summary>"Reminder Sms Planned; Confirmation Email Sent", newest first, for waiting on and for failures that show it.</summary>
    public async Task<string> SummaryAsync(Guid client) =>
        string.Join("; ", (await MessagesAsync(client)).Select(m => $"{Kind(m)} {Channel(m)} {Status(m)}"));

    public static string Kind(JsonElement message) => message.GetProperty("kind").GetString()!;

    public static string Channel(JsonElement message) => message.GetProperty("channel").GetString()!;

    public static string Status(JsonElement message) => message.GetProperty("status").GetString()!;

    public static DateTimeOffset? StartsAt(JsonElement message) =>
        message.GetProperty("appointmentStartsAt") is { ValueKind: JsonValueKind.String } at ? at.GetDateTimeOffset() : null;

    public static bool Is(JsonElement message, string kind, string channel, string status) =>
        Kind(message) == kind && Channel(message) == channel && Status(message) == status;
}
