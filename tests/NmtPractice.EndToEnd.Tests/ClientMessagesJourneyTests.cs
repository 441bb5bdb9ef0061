using System.Net.Http.Json;
using NmtPractice.EndToEnd.Tests.Browser;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// The whole path of a client's messages through the running processes, the real mail server and
/// the real SMS gateway: the desk registers a client who agrees to texts and books them; the
/// confirmation text reaches the phone; the client's "C" makes scheduling mark the appointment
/// confirmed by the client, and "X" cancels it (outside the late window), each answered with a text
/// that says so. A freed time offered from the waitlist reaches the waiting client by email; its link
/// books it once, and fails cleanly (saying why) when the desk gave the time to someone else first.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class ClientMessagesJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_confirms_one_appointment_and_cancels_another_by_text()
    {
        var practice = await E2EPractice.OfAsync(system);
        var location = E2EPractice.BackBay;
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var phone = $"+1 617 {Random.Shared.Next(200, 999)} {Random.Shared.Next(1000, 9999)}";
        var client = await PracticeBuilder.RegisterClientAsync(
            desk,
            new RegisterClient(null, location, new ClientName("Tess", "Texter"), new DateOnly(1984, 2, 9), new ClientContact(null, phone), Messages: new MessagePreferences(false, true)),
            new AnswerIntake(E2EPractice.ClearAnswers),
            GiveConsent.ToTreatment("Tess Texter", DateOnly.FromDateTime(DateTime.UtcNow)),
            Cancel);
        var sent = Kannel(phone);

        var first = await practice.BookAtAsync(location, practice.NextStart(), desk, client);
        await Eventually.UntilAsync("the confirmation text reaches the phone", () => Task.FromResult(system.Sms.To(sent).Count >= 1), TimeSpan.FromSeconds(60));
        await system.Sms.ReplyAsync(sent, "C");
        var confirmed = await Eventually.ValueAsync("scheduling marks it confirmed by the client", () => desk.ReadAsync<AppointmentView>($"api/scheduling/appointments/{first}"),
            appointment => appointment.ConfirmedByClientAt is not null, TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync("the reply says it is confirmed", () => Task.FromResult(system.Sms.To(sent).Any(text => text.Text.EndsWith("is confirmed.", StringComparison.Ordinal))), TimeSpan.FromSeconds(60));
        Assert.Equal("Booked", confirmed.Status);

        // The second appointment is the soonest one still unconfirmed only once the first is gone: cancel the first by text, then book again.
        await system.Sms.ReplyAsync(sent, "X");
        var cancelled = await Eventually.ValueAsync("scheduling cancels it as the client asked", () => desk.ReadAsync<AppointmentView>($"api/scheduling/appointments/{first}"),
            appointment => appointment.Status == "Cancelled", TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync("the reply says it is cancelled", () => Task.FromResult(system.Sms.To(sent).Any(text => text.Text.EndsWith("is cancelled.", StringComparison.Ordinal))), TimeSpan.FromSeconds(60));
        Assert.False(cancelled.LateCancellation);
        using var messages = await desk.GetAsync($"api/notifications/clients/{client}/messages", Cancel);
        var listed = await messages.Content.ReadFromJsonAsync<List<System.Text.Json.JsonElement>>(Cancel);
        Assert.Contains(listed!, m => m.GetProperty("kind").GetString() == "Confirmation" && m.GetProperty("status").GetString() == "Answered");
    }

    [Fact]
    public async Task A_waitlist_offers_link_books_the_freed_time_once_and_says_so_when_someone_else_took_it_first()
    {
        var practice = await E2EPractice.OfAsync(system);
        var location = E2EPractice.BackBay;
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        using var page = system.CreateGatewayClient();

        // Wren waits for a time that then frees up: the offer's link books it for her, once.
        var (wren, wrenEmail, startsAt) = await OfferedAsync(practice, desk, "Wren");
        var link = await ClaimLinkAsync(wrenEmail, 1);
        Assert.Contains("A time opened for you", await page.GetStringAsync(link, Cancel), StringComparison.Ordinal);
        using var taken = await page.PostAsync(link, null, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.OK, taken.StatusCode);
        var booked = await Eventually.ValueAsync(
            "scheduling books the offered time for Wren", () => desk.ReadAsync<ClientAppointmentsView>($"api/scheduling/clients/{wren}/appointments"),
            appointments => appointments.Upcoming.Any(a => a.StartsAt == startsAt), TimeSpan.FromSeconds(60));
        var hers = booked.Upcoming.Single(a => a.StartsAt == startsAt);
        Assert.Equal(("Booked", true), (hers.Status, hers.BookedByClient));
        await Eventually.ValueAsync("the link's page says the time is hers", () => page.GetStringAsync(link, Cancel),
            html => html.Contains("The time is yours", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync("her booking confirmation arrives", async () => (await system.Mail.MessagesToAsync(wrenEmail)).Any(m => m.Subject.StartsWith("Booked:", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        using var again = await page.PostAsync(link, null, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single((await desk.ReadAsync<ClientAppointmentsView>($"api/scheduling/clients/{wren}/appointments")).Upcoming, a => a.StartsAt == startsAt);

        // The desk's calendar says she booked it herself.
        await using (var browser = await BrowserSession.OpenAsync(system))
        {
            await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
            await Journeys.OpenDayAsync(browser.Page, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsAt, E2EPractice.Zone).DateTime));
            var card = browser.Page.Locator($"[data-appointment='{hers.Id}']");
            await Microsoft.Playwright.Assertions.Expect(card.GetByTestId("booked-by-client")).ToHaveTextAsync("· by the client");
            await card.ScrollIntoViewIfNeededAsync();
            await browser.ScreenshotAsync("calendar-booked-by-client");
            await browser.AssertAccessibleAsync("calendar-booked-by-client");
            await card.ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(browser.Page.GetByTestId("panel-booked-by-client")).ToContainTextAsync("The client, themselves");
        }

        // Yara's offered time goes to another client at the desk before she follows her link.
        var (yara, yaraEmail, yaraStarts) = await OfferedAsync(practice, desk, "Yara");
        var yaraLink = await ClaimLinkAsync(yaraEmail, 1);
        await practice.BookAtAsync(location, yaraStarts, desk);
        using var late = await page.PostAsync(yaraLink, null, Cancel);
        await Eventually.ValueAsync("the link's page says someone else took it", () => page.GetStringAsync(yaraLink, Cancel),
            html => html.Contains("Someone else booked this time first", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.DoesNotContain((await desk.ReadAsync<ClientAppointmentsView>($"api/scheduling/clients/{yara}/appointments")).Upcoming, a => a.StartsAt == yaraStarts);
    }

    /// <summary>A client who agrees to email joins the waitlist for one time, which the desk books for someone else and then cancels: the time is offered to them.</summary>
    private static async Task<(Guid Client, string Email, DateTimeOffset StartsAt)> OfferedAsync(E2EPractice practice, HttpClient desk, string given)
    {
        var location = E2EPractice.BackBay;
        var email = $"{given.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        var client = await PracticeBuilder.RegisterClientAsync(
            desk,
            new RegisterClient(null, location, new ClientName(given, "Waiting"), new DateOnly(1979, 6, 1), new ClientContact(email), Messages: new MessagePreferences(true, false)),
            new AnswerIntake(E2EPractice.ClearAnswers),
            GiveConsent.ToTreatment($"{given} Waiting", DateOnly.FromDateTime(DateTime.UtcNow)),
            Cancel);
        var startsAt = practice.NextStart();
        var day = DateOnly.FromDateTime(startsAt.DateTime);
        var freed = await practice.BookAtAsync(location, startsAt, desk);
        using var joined = await desk.PostAsJsonAsync(
            "api/scheduling/waitlist", new JoinWaitlist(client, location, "NMT-60", practice.Therapists[location], day, day), Cancel);
        joined.EnsureSuccessStatusCode();
        using var cancelled = await desk.PostAsJsonAsync($"api/scheduling/appointments/{freed}/cancel", new { reason = "client-illness" }, Cancel);
        cancelled.EnsureSuccessStatusCode();
        return (client, email, startsAt);
    }

    /// <summary>The claim link of the <paramref name="count"/>th email to <paramref name="address"/> (a path on the gateway).</summary>
    private async Task<string> ClaimLinkAsync(string address, int count)
    {
        var mail = await Eventually.ValueAsync($"{count} emails to the client", () => system.Mail.MessagesToAsync(address), messages => messages.Count >= count, TimeSpan.FromSeconds(60));
        var text = await system.Mail.PlainTextAsync(mail[count - 1].Id);
        return new Uri(System.Text.RegularExpressions.Regex.Match(text, @"Take this time: (\S+)").Groups[1].Value).PathAndQuery;
    }

    /// <summary>The number as Kannel passes it on: the digits with the leading +.</summary>
    private static string Kannel(string phone) => "+" + new string([.. phone.Where(char.IsAsciiDigit)]);
}
