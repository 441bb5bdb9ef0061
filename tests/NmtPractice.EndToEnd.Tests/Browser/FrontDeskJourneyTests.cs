using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// The front desk in a real browser, at a desk, on a tablet and on a phone: books, registers and screens a
/// client, moves and cancels, books from the waitlist, and is refused a time another desk took.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class FrontDeskJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task Front_desk_finds_a_client_books_the_next_free_time_today_and_checks_the_client_in(string viewport)
    {
        await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Imogen", family: family);

        await using var browser = await Journeys.OpenAsync(system, viewport);
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Assertions.Expect(browser.Page.GetByTestId("current-location")).ToHaveTextAsync("Back Bay");
        await browser.ScreenshotAsync($"front-desk-1-home-{viewport}");

        await Journeys.GoToAsync(browser.Page, "Book");
        await browser.Page.GetByLabel("Find a client by name").FillAsync(family);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = $"Imogen {family}" }).ClickAsync();
        var today = browser.Page.GetByRole(AriaRole.Group, new() { Name = Journeys.Today().ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture) });
        var first = today.GetByRole(AriaRole.Button).First;

        // Focus moves to the first free time once the client is chosen, and to "Book" once a time is: two keys from client to booking.
        await Assertions.Expect(first).ToBeFocusedAsync();
        var time = (await first.InnerTextAsync())[..5];

        // Every free time of the week is listed, in time order (not the first dozen of each day).
        var availability = await desk.GetFromJsonAsync<JsonElement>(
            $"api/scheduling/availability?locationId={E2EPractice.BackBay}&serviceCode=NMT-60&from={Journeys.Today():yyyy-MM-dd}&to={Journeys.Today().AddDays(6):yyyy-MM-dd}", Cancel);
        await Assertions.Expect(browser.Page.GetByTestId("slot-count")).ToContainTextAsync($"{availability.GetProperty("slots").GetArrayLength()} free times");
        var shown = (await today.GetByRole(AriaRole.Button).AllInnerTextsAsync()).Select(text => text[..5]).ToList();
        Assert.Equal(shown.Order(StringComparer.Ordinal), shown);

        await browser.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true })).ToBeFocusedAsync();
        await browser.ScreenshotAsync($"front-desk-2-book-{viewport}");
        await browser.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(browser.Page.GetByTestId("booked")).ToContainTextAsync($"Imogen {family}");

        await Journeys.GoToAsync(browser.Page, "Calendar");
        var card = browser.Page.GetByTestId("appointment").Filter(new() { HasText = "Imogen" }).Filter(new() { HasText = time });
        await Assertions.Expect(card).ToContainTextAsync("Booked");
        await browser.ScreenshotAsync($"front-desk-3-calendar-{viewport}");
        await card.ClickAsync();
        var details = browser.Page.GetByTestId("appointment-dialog");
        await details.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await details.GetByRole(AriaRole.Group).GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("calendar-result")).ToContainTextAsync($"Checked in Imogen");
        await Assertions.Expect(card).ToContainTextAsync("Checked in");
        await browser.ScreenshotAsync($"front-desk-4-checked-in-{viewport}");

        var appointments = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/clients/{client}/appointments", Cancel);
        var booked = Assert.Single(appointments.GetProperty("upcoming").EnumerateArray());
        Assert.Equal("CheckedIn", booked.GetProperty("status").GetString());
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task The_desk_registers_a_client_whose_intake_contraindicates_treatment_and_cannot_book_them(string viewport)
    {
        await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);

        // Registration and the health history, as the client fills them in at the desk.
        await Journeys.GoToAsync(browser.Page, "New client");

        // Registering with nothing filled in names each missing detail beside its field, in plain words, and registers nobody.
        await page.GetByRole(AriaRole.Button, new() { Name = "Register at Back Bay" }).ClickAsync();
        await Assertions.Expect(page.Locator("#given ~ .field-error")).ToHaveTextAsync("Enter the client's given name.");
        await Assertions.Expect(page.Locator("#dob ~ .field-error")).ToHaveTextAsync("Enter the date of birth.");
        await Assertions.Expect(page.Locator("#email ~ .field-error")).ToHaveTextAsync("Give an email address or a phone number.");
        await Assertions.Expect(page.GetByText("Some details need attention: given name, family name, date of birth, email or phone.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"intake-0-missing-details-{viewport}");

        await page.GetByLabel("Given name").FillAsync("Ottilie");
        await page.GetByLabel("Family name").FillAsync(family);
        await page.GetByLabel("Date of birth").FillAsync("1979-03-14");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("ottilie@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register at Back Bay" }).ClickAsync();
        await Assertions.Expect(page.Locator("fieldset[data-question='fever']")).ToBeVisibleAsync();
        var noes = page.Locator("fieldset[data-question] input[type='radio'][value='false']");
        for (var i = 0; i < await noes.CountAsync(); i++)
        {
            await noes.Nth(i).CheckAsync();
        }

        await page.Locator("fieldset[data-question='fever'] input[value='true']").CheckAsync();
        await page.Locator("fieldset[data-question='goals'] textarea").FillAsync("Be able to work again");
        await page.Locator("fieldset[data-question='goals'] textarea").BlurAsync();

        // Where it hurts is picked on the body chart (or ticked in the list below it).
        var painRegions = page.Locator("fieldset[data-question='pain_regions']");
        await painRegions.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await painRegions.Locator("[data-region='low-back']").ClickAsync();
        await Assertions.Expect(painRegions.GetByTestId("pain_regions-chosen")).ToHaveTextAsync("Chosen: Low back.");
        await browser.ScreenshotAsync($"intake-1-questionnaire-{viewport}");
        await browser.AssertAccessibleAsync($"intake-questionnaire-{viewport}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the health history" }).ClickAsync();
        // The consent shows the policy and is signed with the typed name; the time of signing is kept.
        await Assertions.Expect(page.GetByTestId("consent-policy")).ToContainTextAsync("withdraw this consent");
        await browser.AssertAccessibleAsync($"consent-{viewport}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign and record consent" })).ToBeDisabledAsync();
        await page.GetByLabel("Signature: type your full name").FillAsync($"Ottilie {family}");
        await page.GetByLabel("I have read the policy above and consent to treatment").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and record consent" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("screening-result")).ToContainTextAsync("Screening: contraindicated");
        await Assertions.Expect(page.GetByTestId("consent-signed")).ToContainTextAsync(new System.Text.RegularExpressions.Regex($"signed by Ottilie {family} \\(the client\\) on .* at [0-9]{{2}}:[0-9]{{2}}"));
        await Assertions.Expect(page.GetByTestId("screening-result").GetByRole(AriaRole.Link, new() { Name = "Book an appointment" })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync($"intake-2-contraindicated-{viewport}");

        // Booking is refused, with the reason, before any time is offered.
        await Journeys.GoToAsync(browser.Page, "Book");
        await page.GetByLabel("Find a client by name").FillAsync(family);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Ottilie {family}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-warning")).ToContainTextAsync("Contraindicated");

        // The region picked on the chart is in the intake as answered.
        using var therapist = await system.ClientForAsync("therapist.backbay");
        var matches = await desk.GetFromJsonAsync<JsonElement>($"api/intake/clients?locationId={E2EPractice.BackBay}&name={family}", Cancel);
        var ottilie = matches.EnumerateArray().Single().GetProperty("id").GetGuid();
        var intake = await therapist.GetFromJsonAsync<JsonElement>($"api/intake/clients/{ottilie}/intakes/latest", Cancel);
        Assert.Equal(["low-back"], intake.GetProperty("answers").GetProperty("pain_regions").EnumerateArray().Select(region => region.GetString()));
        await Assertions.Expect(page.GetByLabel("Service")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync($"front-desk-5-contraindicated-{viewport}");
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task The_desk_moves_an_appointment_to_another_free_time_and_then_cancels_it_with_a_reason(string viewport)
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Perpetua", family: family);
        var day = Journeys.Today().AddDays(new[] { 3, 17, 24 }[Journeys.Index(viewport)]);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), E2EPractice.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(9, 0))));
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, start, desk, client);

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.GoToAsync(browser.Page, "Calendar");
        await page.Locator("#calendar-date").FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#calendar-date").BlurAsync();
        var card = page.GetByTestId("appointment").Filter(new() { HasText = "Perpetua" }).Filter(new() { HasText = "09:00" });

        // The details open in a dialog with focus inside; the free times include a quarter hour within the appointment's own slot.
        await card.ClickAsync();
        var details = page.GetByTestId("appointment-dialog");
        await Assertions.Expect(details).ToBeVisibleAsync();
        await Assertions.Expect(details.Locator(":focus")).ToHaveCountAsync(1);
        var times = details.GetByRole(AriaRole.Group, new() { Name = "Free times for this appointment" });
        await Assertions.Expect(times.GetByRole(AriaRole.Button, new() { Name = "09:15" })).ToBeEnabledAsync();
        await times.GetByRole(AriaRole.Button, new() { Name = "14:00" }).ClickAsync();
        await details.GetByRole(AriaRole.Button, new() { Name = "Move it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("Moved Perpetua");
        var moved = page.GetByTestId("appointment").Filter(new() { HasText = "Perpetua" }).Filter(new() { HasText = "14:00" });
        await Assertions.Expect(moved).ToContainTextAsync("Booked");
        await browser.ScreenshotAsync($"front-desk-6-moved-{viewport}");

        // The week view shows it on its day, with the therapist's name.
        await page.Locator("#calendar-span").SelectOptionAsync("week");
        var dayColumn = page.GetByRole(AriaRole.Region, new() { Name = day.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture) });
        moved = dayColumn.GetByTestId("appointment").Filter(new() { HasText = "Perpetua" });
        await Assertions.Expect(moved).ToContainTextAsync("Therapist at Back Bay");
        await browser.ScreenshotAsync($"front-desk-7-week-{viewport}");

        // Cancelling asks first; the cancelled appointment stays on the calendar, struck through, until hidden.
        await moved.ClickAsync();
        await page.GetByLabel("Reason").SelectOptionAsync("client-illness");
        await details.GetByRole(AriaRole.Button, new() { Name = "Cancel the appointment" }).ClickAsync();
        await details.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("Cancelled Perpetua");
        await Assertions.Expect(moved).ToContainTextAsync("Cancelled");
        await Assertions.Expect(moved).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-cancelled"));
        await page.GetByLabel("Show cancelled and no-shows").UncheckAsync();
        await Assertions.Expect(dayColumn.GetByTestId("appointment").Filter(new() { HasText = "Perpetua" })).ToHaveCountAsync(0);

        var stored = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{appointment}", Cancel);
        Assert.Equal(("Cancelled", "client-illness"), (stored.GetProperty("status").GetString(), stored.GetProperty("cancellationReason").GetString()));
        Assert.Equal(14, stored.GetProperty("startsAt").GetDateTimeOffset().ToOffset(E2EPractice.Zone.GetUtcOffset(stored.GetProperty("startsAt").GetDateTimeOffset())).Hour);
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task A_waiting_client_is_offered_a_freed_slot_and_the_desk_books_it_from_the_waitlist(string viewport)
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var waiting = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Winifred", family: family);
        var day = Journeys.Today().AddDays(new[] { 5, 18, 25 }[Journeys.Index(viewport)]);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), E2EPractice.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(10, 0))));
        var taken = await practice.BookAtAsync(E2EPractice.BackBay, start, desk);

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.GoToAsync(browser.Page, "Waitlist");
        await page.GetByLabel("Find a client by name").FillAsync(family);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Winifred {family}" }).ClickAsync();
        await page.Locator("#w-service").SelectOptionAsync("NMT-60");
        await page.GetByLabel("From").FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the waitlist" }).ClickAsync();
        var row = page.GetByTestId("waitlist-row").Filter(new() { HasText = "Winifred" });
        await Assertions.Expect(row).ToContainTextAsync("Waiting since");

        // Another client cancels: the freed slot is offered to the waiting client, and the desk books it.
        (await desk.PostAsJsonAsync($"api/scheduling/appointments/{taken}/cancel", new { reason = "client-request" }, Cancel)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync("the offer on the waitlist page", async () =>
        {
            await Journeys.GoToAsync(browser.Page, "Home");
            await Journeys.GoToAsync(browser.Page, "Waitlist");
            return await row.GetByRole(AriaRole.Button, new() { Name = "Book it" }).CountAsync() == 1;
        });
        // The desk sees how long the slot is held for the client (two hours of the clinic's opening hours).
        var lines = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/locations/{E2EPractice.BackBay}/waitlist", Cancel);
        var holdsUntil = lines.EnumerateArray().Single(line => line.GetProperty("clientId").GetGuid() == waiting)
            .GetProperty("offer").GetProperty("holdsUntil").GetDateTimeOffset();
        var heldLocally = TimeZoneInfo.ConvertTime(holdsUntil, E2EPractice.Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(row.GetByTestId("offer-hold")).ToContainTextAsync("Held until");
        await Assertions.Expect(row.GetByTestId("offer-hold")).ToContainTextAsync(heldLocally);
        await browser.ScreenshotAsync($"front-desk-8-waitlist-offer-{viewport}");
        await row.GetByRole(AriaRole.Button, new() { Name = "Book it" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        var appointments = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/clients/{waiting}/appointments", Cancel);
        var booked = Assert.Single(appointments.GetProperty("upcoming").EnumerateArray());
        Assert.Equal(start, booked.GetProperty("startsAt").GetDateTimeOffset());
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task A_time_taken_at_another_desk_meanwhile_is_refused_and_the_reason_stays_until_the_next_choice(string viewport)
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Hortense", family: family);
        var day = Journeys.Today().AddDays(new[] { 10, 19, 26 }[Journeys.Index(viewport)]);

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.GoToAsync(browser.Page, "Book");
        await page.GetByLabel("Find a client by name").FillAsync(family);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Hortense {family}" }).ClickAsync();
        await page.GetByLabel("From").FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("From").BlurAsync();
        var dayGroup = page.GetByRole(AriaRole.Group, new() { Name = day.ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture) });
        var slot = dayGroup.GetByRole(AriaRole.Button).First;
        var time = TimeOnly.ParseExact((await slot.InnerTextAsync())[..5], "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await slot.ClickAsync();

        // Another desk books that very time first.
        var local = day.ToDateTime(time);
        await practice.BookAtAsync(E2EPractice.BackBay, new DateTimeOffset(local, E2EPractice.Zone.GetUtcOffset(local)), desk);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        var refusal = page.GetByTestId("booking-problem");
        await Assertions.Expect(refusal).ToContainTextAsync("Not booked");
        await Assertions.Expect(refusal).ToBeFocusedAsync();

        // The list is fresh (that time is gone) and the reason stays in view until the desk picks again.
        await Assertions.Expect(dayGroup.GetByRole(AriaRole.Button).First).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{time:HH:mm}"));
        await Assertions.Expect(refusal).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"front-desk-9-time-taken-{viewport}");
        await dayGroup.GetByRole(AriaRole.Button).First.ClickAsync();
        await Assertions.Expect(refusal).ToHaveCountAsync(0);
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Fact]
    public async Task The_location_picker_offers_only_the_users_locations()
    {
        await E2EPractice.OfAsync(system);
        await using var browser = await BrowserSession.OpenAsync(system);

        await browser.SignInAsync("frontdesk.cambridge", system.DemoPassword);

        await Assertions.Expect(browser.Page.GetByTestId("current-location")).ToHaveTextAsync("Cambridge");
        var options = await browser.Page.Locator("#location-picker option").AllTextContentsAsync();
        Assert.Equal(["Cambridge"], options);
    }
}
