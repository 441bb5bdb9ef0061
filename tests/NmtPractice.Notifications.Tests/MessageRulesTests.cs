using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Contracts.Security;
using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rules: a location's clinic manager sets when its reminders go (hours before, per channel) and its
/// quiet hours; front desk and therapists read them but may not set them. The reminders of upcoming
/// appointments that have not gone yet move with the new rules at once. The first setting needs no
/// version, every later one the version read; bad input names each wrong field and changes nothing.
/// </summary>
public sealed class MessageRulesTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly PracticeMessages _practice = new(fixture);

    private string Path => $"/api/notifications/locations/{_practice.Location}/message-rules";

    [Fact]
    public async Task A_manager_sets_the_rules_and_the_waiting_reminders_move_with_them()
    {
        await _practice.KnownAsync();
        var (client, _, phone) = await _practice.ClientAsync("Kai");
        var startsAt = fixture.Clock.GetUtcNow().AddDays(5);
        await _practice.BookAsync(client, startsAt);
        await _practice.TextsAsync(phone, 1);
        await Eventually.ValueAsync("the reminders are planned", () => _practice.SummaryAsync(client), s => s.Contains("Reminder Sms Planned", StringComparison.Ordinal));

        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _practice.Location);
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _practice.Location);
        var defaults = await desk.GetFromJsonAsync<JsonElement>(Path, TestContext.Current.CancellationToken);
        Assert.Equal((48, 24, "21:00", "08:00", true), (defaults.GetProperty("emailHoursBefore").GetInt32(), defaults.GetProperty("smsHoursBefore").GetInt32(),
            defaults.GetProperty("quietFrom").GetString(), defaults.GetProperty("quietUntil").GetString(), defaults.GetProperty("chainDefault").GetBoolean()));

        var rules = new { emailHoursBefore = (int?)null, smsHoursBefore = 3, quietFrom = "22:00", quietUntil = "07:00" };
        using var byDesk = await desk.PutAsJsonAsync(Path, rules, TestContext.Current.CancellationToken);
        using var set = await manager.PutAsJsonAsync(Path, rules, TestContext.Current.CancellationToken);
        using var withoutVersion = await manager.PutAsJsonAsync(Path, rules, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, byDesk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("\"1\"", set.Headers.ETag?.Tag);
        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        var messages = await _practice.MessagesAsync(client);
        var sms = messages.Single(m => PracticeMessages.Kind(m) == "Reminder" && PracticeMessages.Channel(m) == "Sms");
        Assert.Equal(startsAt.AddHours(-3), sms.GetProperty("sendAt").GetDateTimeOffset());
        Assert.Equal("Withdrawn", PracticeMessages.Status(messages.Single(m => PracticeMessages.Kind(m) == "Reminder" && PracticeMessages.Channel(m) == "Email")));
    }

    [Fact]
    public async Task The_delivery_view_counts_a_locations_messages_by_kind_channel_and_step_for_its_managers()
    {
        await _practice.KnownAsync();
        var (lea, _, leaPhone) = await _practice.ClientAsync("Lea");
        var (max, _, _) = await _practice.ClientAsync("Max", sms: false);
        await _practice.BookAsync(lea, fixture.Clock.GetUtcNow().AddDays(4));
        await _practice.BookAsync(max, fixture.Clock.GetUtcNow().AddDays(4).AddHours(1));
        await _practice.TextsAsync(leaPhone, 1);
        await Eventually.UntilAsync("Lea's confirmation text is delivered", async () => (await _practice.SummaryAsync(lea)).Contains("Confirmation Sms Delivered", StringComparison.Ordinal));
        await Eventually.UntilAsync("Max's confirmation email is sent", async () => (await _practice.SummaryAsync(max)).Contains("Confirmation Email Sent", StringComparison.Ordinal));

        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _practice.Location);
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _practice.Location);
        var now = fixture.Clock.GetUtcNow();
        string Span(int fromDays, int toDays) => $"/api/notifications/deliveries?locationId={_practice.Location}&from={Uri.EscapeDataString(now.AddDays(fromDays).ToString("O"))}&to={Uri.EscapeDataString(now.AddDays(toDays).ToString("O"))}";
        var view = await manager.GetFromJsonAsync<JsonElement>(Span(-1, 7), TestContext.Current.CancellationToken);
        using var byDesk = await desk.GetAsync(Span(-1, 7), TestContext.Current.CancellationToken);
        using var tooLong = await manager.GetAsync(Span(-1, 100), TestContext.Current.CancellationToken);

        var counts = view.GetProperty("counts").EnumerateArray().ToDictionary(
            c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("channel").GetString()}",
            c => (Planned: c.GetProperty("planned").GetInt32(), Sent: c.GetProperty("sent").GetInt32(), Delivered: c.GetProperty("delivered").GetInt32()));
        Assert.Equal((0, 2, 0), counts["Confirmation Email"]);
        Assert.Equal((0, 0, 1), counts["Confirmation Sms"]);
        Assert.Equal((2, 0, 0), counts["Reminder Email"]);
        Assert.Equal((1, 0, 0), counts["Reminder Sms"]);
        Assert.Equal(HttpStatusCode.Forbidden, byDesk.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Bad_rules_are_refused_naming_each_field_and_change_nothing()
    {
        await _practice.KnownAsync();
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _practice.Location);

        using var refused = await manager.PutAsJsonAsync(Path, new { emailHoursBefore = 0, smsHoursBefore = 400, quietFrom = "9pm", quietUntil = (string?)null }, TestContext.Current.CancellationToken);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var after = await manager.GetFromJsonAsync<JsonElement>(Path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["emailHoursBefore", "quietFrom", "quietUntil", "smsHoursBefore"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.True(after.GetProperty("chainDefault").GetBoolean());
        Assert.Equal(0, after.GetProperty("version").GetInt64());
    }
}
