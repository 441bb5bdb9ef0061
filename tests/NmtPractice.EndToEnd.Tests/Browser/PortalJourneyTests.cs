using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// A client books online on a phone and at a desk, through the gateway and the real mail server: the
/// public pages list the clinics that take bookings online, a clinic's treatments and free times in its
/// own time; picking a time asks the client to sign in with a code emailed to them (read from the mail
/// server, as the client reads it), then to confirm; the booking is made as theirs, listed in their
/// account and confirmed by email. Every page passes axe-core.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class PortalJourneyTests(RunningSystem system)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (Guid Location, Guid Therapist)? _clinic;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Given(string viewport) => viewport switch { "phone" => "Phoebe", "tablet" => "Tabitha", _ => "Dexter" };

    [Theory]
    [InlineData("phone")]
    [InlineData("tablet")]
    [InlineData("desktop")]
    public async Task A_client_finds_a_time_signs_in_with_the_emailed_code_and_books_it_for_themselves(string viewport)
    {
        var (location, therapist) = await OnlineClinicAsync();
        var (client, email, _) = await PortalClient.KnownByEmailAsync(system, Given(viewport));
        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;

        // The chain's entry lists the clinic; its page offers its treatment and free times.
        await page.GotoAsync(new Uri(browser.Gateway, "book").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book a massage online" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"portal-1-clinics-{viewport}");
        await browser.AssertAccessibleAsync($"portal-clinics-{viewport}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Portal Park" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "NMT 60 minutes" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show free times" }).ClickAsync();
        var day = Journeys.Today().AddDays(viewport switch { "phone" => 3, "tablet" => 2, _ => 4 });
        await page.GetByRole(AriaRole.Link, new() { Name = "Later week" }).WaitForAsync();
        // One day's times at a time: the client picks the day, then the time.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Days" })
            .GetByRole(AriaRole.Link, new() { Name = day.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture) }).ClickAsync();
        var times = page.GetByTestId($"times-{day:yyyy-MM-dd}");
        await Assertions.Expect(times).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"portal-2-times-{viewport}");
        await browser.AssertAccessibleAsync($"portal-times-{viewport}");
        var slot = times.GetByRole(AriaRole.Link).Filter(new() { HasText = "10:00 AM" });
        await slot.ClickAsync();

        // Picking a time asks the client to sign in: an email, then the code the email brings.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to see your appointments" })).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync($"portal-sign-in-{viewport}");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a code" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("code-sent")).ToContainTextAsync(email);
        await browser.ScreenshotAsync($"portal-3-code-{viewport}");
        await browser.AssertAccessibleAsync($"portal-code-{viewport}");
        await page.GetByLabel("Code").FillAsync(await PortalClient.NewestCodeAsync(system, email, 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Back at the time picked, to confirm it.
        var summary = page.GetByTestId("booking-summary");
        await Assertions.Expect(summary).ToContainTextAsync("10:00 AM");
        await Assertions.Expect(summary).ToContainTextAsync("Portal Park");
        await Assertions.Expect(page.GetByText($"For {Given(viewport)} Portal.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"portal-4-confirm-{viewport}");
        await browser.AssertAccessibleAsync($"portal-confirm-{viewport}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book it" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("booked-notice")).ToContainTextAsync("Booked:");
        await Assertions.Expect(page.GetByTestId("upcoming-appointment").Filter(new() { HasText = "Portal Park" })).ToContainTextAsync("10:00 AM");
        // The visit the desk booked earlier is listed too, named as the client knows it.
        await Assertions.Expect(page.GetByTestId("upcoming-appointment").Filter(new() { HasText = "at Back Bay" })).ToContainTextAsync("NMT 60 minutes with Therapist at Back Bay");
        await browser.ScreenshotAsync($"portal-5-booked-{viewport}");
        await browser.AssertAccessibleAsync($"portal-booked-{viewport}");

        // The booking is the client's own, at the time picked, and confirmed by email.
        using var desk = await system.ClientForAsync("ops.admin");
        var appointments = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/clients/{client}/appointments", Cancel);
        var booked = Assert.Single(appointments.GetProperty("upcoming").EnumerateArray(), a => a.GetProperty("locationId").GetGuid() == location);
        Assert.Equal(
            (therapist, true, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), E2EPractice.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(10, 0))))),
            (booked.GetProperty("therapistId").GetGuid(), booked.GetProperty("bookedByClient").GetBoolean(), booked.GetProperty("startsAt").GetDateTimeOffset()));
        await Eventually.UntilAsync("the online booking's confirmation reaches the client",
            async () => (await system.Mail.MessagesToAsync(email)).Count(m => m.Subject.StartsWith("Booked:", StringComparison.Ordinal)) >= 2, TimeSpan.FromSeconds(60));
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Fact]
    public async Task On_a_phone_a_client_moves_and_cancels_a_visit_online_and_close_to_one_is_asked_to_call_the_clinic()
    {
        var practice = await E2EPractice.OfAsync(system);
        var (location, therapist) = await OnlineClinicAsync();
        var (client, email, _) = await PortalClient.KnownByEmailAsync(system, "Moira");
        using var admin = await system.ClientForAsync("ops.admin");
        var ahead = Journeys.Today().AddDays(5);
        var later = await practice.BookAtAsync(location, At(ahead, 10), admin, client, therapist);
        // This afternoon is inside the clinic's 24 hours' notice (the run's zone is where it is mid-morning).
        var soon = await practice.BookAtAsync(location, At(Journeys.Today(), 15), admin, client, therapist);
        await using var browser = await Journeys.OpenAsync(system, "phone");
        var page = browser.Page;

        await page.GotoAsync(new Uri(browser.Gateway, "my").ToString());
        await SignInWithCodeAsync(page, email);
        await Assertions.Expect(page.GetByTestId("upcoming-appointment")).ToHaveCountAsync(3);

        // Moved to another day's time, picked as a booking is.
        var when = At(ahead, 10).ToString("dddd d MMMM, h:mm tt", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Move {when}" }).ClickAsync();
        var newDay = ahead.AddDays(1);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Days" })
            .GetByRole(AriaRole.Link, new() { Name = newDay.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture) }).ClickAsync();
        await page.GetByTestId($"times-{newDay:yyyy-MM-dd}").GetByRole(AriaRole.Link).Filter(new() { HasText = "11:00 AM" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Move your appointment" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("portal-6-move-phone");
        await browser.AssertAccessibleAsync("portal-move-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("booked-notice")).ToContainTextAsync("Moved: your appointment is now");
        Assert.Equal(At(newDay, 11), (await AppointmentAsync(admin, client, later)).GetProperty("startsAt").GetDateTimeOffset());

        // Cancelled, days ahead.
        var movedTo = At(newDay, 11).ToString("dddd d MMMM, h:mm tt", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Cancel {movedTo}" }).ClickAsync();
        await browser.ScreenshotAsync("portal-7-cancel-phone");
        await browser.AssertAccessibleAsync("portal-cancel-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this appointment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("booked-notice")).ToContainTextAsync("Cancelled:");
        Assert.Equal("Cancelled", (await AppointmentAsync(admin, client, later)).GetProperty("status").GetString());

        // This afternoon's: too close to cancel online; the client is asked to call, and it stays booked.
        var today = At(Journeys.Today(), 15).ToString("dddd d MMMM, h:mm tt", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Cancel {today}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this appointment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cancel-refused")).ToContainTextAsync("less than 24 hours away: please call the clinic");
        await browser.ScreenshotAsync("portal-8-call-the-clinic-phone");
        await browser.AssertAccessibleAsync("portal-call-the-clinic-phone");
        Assert.Equal("Booked", (await AppointmentAsync(admin, client, soon)).GetProperty("status").GetString());
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Fact]
    public async Task On_a_phone_a_client_with_no_health_answers_gives_them_and_consent_online_then_books_the_time_they_picked()
    {
        var (location, _) = await OnlineClinicAsync();
        var (client, email, _) = await PortalClient.KnownByEmailAsync(system, "Nell", screened: false);
        await using var browser = await Journeys.OpenAsync(system, "phone");
        var page = browser.Page;
        var day = Journeys.Today().AddDays(6);

        await page.GotoAsync(new Uri(browser.Gateway, $"book/{location}").ToString());
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Days" })
            .GetByRole(AriaRole.Link, new() { Name = day.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture) }).ClickAsync();
        await page.GetByTestId($"times-{day:yyyy-MM-dd}").GetByRole(AriaRole.Link).Filter(new() { HasText = "3:00 PM" }).ClickAsync();
        await SignInWithCodeAsync(page, email);

        // Booking asks for the health questions first: the screening decides before anything is booked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Book it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("booking-refused")).ToContainTextAsync("Health questions first");
        await page.GetByRole(AriaRole.Link, new() { Name = "Answer your health questions" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your health questions" })).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync("portal-health-phone");

        // The questionnaire is the one staff use, rendered from its definition: a question left out is
        // named, and what was filled in stays.
        await page.GetByLabel("I have read the policy above and consent to treatment").CheckAsync();
        await page.GetByLabel("Signature: type your full name").FillAsync("Nell Portal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("health-problem")).ToContainTextAsync("fever");
        await Assertions.Expect(page.GetByLabel("Signature: type your full name")).ToHaveValueAsync("Nell Portal");
        foreach (var (question, answer) in E2EPractice.ClearAnswers)
        {
            if (answer is bool yes)
            {
                await page.Locator($"input[name='q.{question}'][value='{(yes ? "yes" : "no")}']").CheckAsync();
            }
            else
            {
                await page.Locator($"[name='q.{question}']").FillAsync((string)answer);
            }
        }

        await page.Locator("input[name='q.pain_regions'][value='low-back']").CheckAsync();
        await browser.ScreenshotAsync("portal-9-health-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("health-outcome")).ToContainTextAsync("You can book now.");
        await browser.ScreenshotAsync("portal-10-health-done-phone");
        await browser.AssertAccessibleAsync("portal-health-done-phone");

        // Back to the time picked, and booked.
        await page.GetByRole(AriaRole.Link, new() { Name = "Go back to your booking" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("booked-notice")).ToContainTextAsync("Booked:");
        using var desk = await system.ClientForAsync("ops.admin");
        var summary = await desk.GetFromJsonAsync<JsonElement>($"api/intake/clients/{client}", Cancel);
        Assert.Equal(("Cleared", "Nell Portal"), (summary.GetProperty("screening").GetProperty("outcome").GetString(),
            summary.GetProperty("consents").EnumerateArray().Last().GetProperty("signerName").GetString()));
        Assert.Equal(At(day, 15), (await AppointmentAsync(desk, client, (await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/clients/{client}/appointments", Cancel))
            .GetProperty("upcoming").EnumerateArray().Single(a => a.GetProperty("locationId").GetGuid() == location).GetProperty("id").GetGuid())).GetProperty("startsAt").GetDateTimeOffset());
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Fact]
    public async Task A_client_stops_emails_themselves_the_record_says_it_was_their_choice_and_they_download_a_copy_of_their_data()
    {
        var (client, email, _) = await PortalClient.KnownByEmailAsync(system, "Esme");
        await using var browser = await Journeys.OpenAsync(system, "desktop");
        var page = browser.Page;
        await page.GotoAsync(new Uri(browser.Gateway, "my").ToString());
        await SignInWithCodeAsync(page, email);

        await page.GetByRole(AriaRole.Link, new() { Name = "Your details" }).ClickAsync();
        var details = page.GetByTestId("client-details");
        await Assertions.Expect(details).ToContainTextAsync(email);
        await Assertions.Expect(details.GetByLabel("By email")).ToBeCheckedAsync();
        await details.GetByLabel("By email").UncheckAsync();
        await details.GetByLabel("Language").SelectOptionAsync("es");
        await details.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preferences-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("client-details").GetByLabel("By email")).Not.ToBeCheckedAsync();
        await browser.ScreenshotAsync("portal-11-details-desktop");
        await browser.AssertAccessibleAsync("portal-details-desktop");

        // A copy of their data: their details, health answers, appointments and messages, as their own token reaches them.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-data").ClickAsync());
        Assert.Equal("my-nmtpractice-data.json", download.SuggestedFilename);
        using var copy = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!, Cancel));
        var mine = Assert.Single(copy.RootElement.GetProperty("records").EnumerateArray());
        Assert.Equal(client, mine.GetProperty("details").GetProperty("id").GetGuid());
        Assert.False(mine.GetProperty("healthAnswers").GetProperty("answers").GetProperty("fever").GetBoolean());
        Assert.NotEmpty(mine.GetProperty("appointments").GetProperty("upcoming").EnumerateArray());
        Assert.Contains(mine.GetProperty("messages").EnumerateArray(), m => m.GetProperty("kind").GetString() == "Confirmation");

        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var record = await desk.GetFromJsonAsync<JsonElement>($"api/intake/clients/{client}", Cancel);
        Assert.Equal((false, "es", false, "portal"), (
            record.GetProperty("messages").GetProperty("email").GetBoolean(), record.GetProperty("messages").GetProperty("language").GetString(),
            record.GetProperty("messageConsents").GetProperty("email").GetProperty("agreed").GetBoolean(),
            record.GetProperty("messageConsents").GetProperty("email").GetProperty("how").GetString()));
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    /// <summary>On the client sign-in page: the email, then the code the email brings (the first one sent to it).</summary>
    private async Task SignInWithCodeAsync(IPage page, string email)
    {
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a code" }).ClickAsync();
        await page.GetByLabel("Code").FillAsync(await PortalClient.NewestCodeAsync(system, email, 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static DateTimeOffset At(DateOnly day, int hour) =>
        new(day.ToDateTime(new TimeOnly(hour, 0)), E2EPractice.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(hour, 0))));

    private static async Task<JsonElement> AppointmentAsync(HttpClient staff, Guid client, Guid appointment)
    {
        var all = await staff.GetFromJsonAsync<JsonElement>($"api/scheduling/clients/{client}/appointments", Cancel);
        return all.GetProperty("upcoming").EnumerateArray().Concat(all.GetProperty("past").EnumerateArray()).Single(a => a.GetProperty("id").GetGuid() == appointment);
    }

    [Fact]
    public async Task A_page_of_the_portal_asks_a_visitor_to_sign_in_and_the_staff_sign_in_does_not_open_it()
    {
        await OnlineClinicAsync();
        await using var browser = await BrowserSession.OpenAsync(system);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);

        // Signed in as staff, the client's pages still ask for a client's sign-in (the code, not a password).
        await page.GotoAsync(new Uri(browser.Gateway, "app/my").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to see your appointments" })).ToBeVisibleAsync();
        Assert.Contains("/account/client-sign-in", page.Url, StringComparison.Ordinal);
    }

    /// <summary>Portal Park: a clinic of its own that takes NMT-60 online (the end-to-end clinics do not), 24 hours' notice, 30 days ahead.</summary>
    private async Task<(Guid Location, Guid Therapist)> OnlineClinicAsync()
    {
        await Gate.WaitAsync(Cancel);
        try
        {
            if (_clinic is { } known)
            {
                return known;
            }

            await E2EPractice.OfAsync(system);
            using var admin = await system.ClientForAsync("ops.admin");
            var (location, therapist) = (Guid.CreateVersion7(), Guid.CreateVersion7());
            await new PracticeBuilder()
                .Location(new OpenLocation(location, "Portal Park", PostalAddress.Boston("9 Park Dr"), E2EPractice.ZoneId, E2EPractice.Week))
                .Room(new AddRoom(null, "Room 1"))
                .Therapist(new RegisterTherapist(therapist, "Robin Park", ["NMT-60"]), DayHours.EveryDay(new TimeOnly(9, 0), new TimeOnly(17, 0)))
                .BuildAsync(admin, Cancel);
            using var read = await admin.GetAsync(new Uri($"api/scheduling/locations/{location}", UriKind.Relative), Cancel);
            using var open = new HttpRequestMessage(HttpMethod.Put, $"api/scheduling/locations/{location}/online-booking")
            {
                Content = JsonContent.Create(new { open = true, serviceCodes = new[] { "NMT-60" }, bookAheadDays = 30, minimumNoticeHours = 24, newClients = true, cancellationNoticeHours = 24 }),
            };
            open.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
            using var opened = await admin.SendAsync(open, Cancel);
            opened.EnsureSuccessStatusCode();
            // The public answers are kept for half a minute: wait until they list the clinic.
            using var anyone = system.CreateGatewayClient();
            await Eventually.UntilAsync(
                "the public booking pages list Portal Park",
                async () => (await anyone.GetFromJsonAsync<JsonElement>("api/scheduling/public/locations", Cancel)).EnumerateArray().Any(l => l.GetProperty("id").GetGuid() == location),
                TimeSpan.FromSeconds(60));
            _clinic = (location, therapist);
            return _clinic.Value;
        }
        finally
        {
            Gate.Release();
        }
    }
}
