using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// The front desk's calendar as a desk works in it: click a free time to book it, drag a card to move
/// it (confirmed, with undo), and see what another desk booked within seconds, without a reload.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class CalendarJourneyTests(RunningSystem system)
{
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task A_click_on_a_free_time_books_it_there_and_another_desk_sees_it_within_five_seconds(string viewport)
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Clementine", family: family);
        var day = Journeys.Today().AddDays(6 + Journeys.Index(viewport) * 7);
        var therapist = practice.Therapists[E2EPractice.BackBay];

        // The other desk has the same day open and does not reload.
        await using var otherDesk = await BrowserSession.OpenAsync(system);
        await otherDesk.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.OpenDayAsync(otherDesk.Page, day);

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.OpenDayAsync(page, day);

        // 15:00 is 8 hours below the grid's 07:00: 480 minutes at 1.2 px a minute, plus a little into that quarter hour.
        await page.Locator($"[data-drop-column='{therapist}']").ClickAsync(new() { Position = new() { X = 40, Y = (480 * 1.2f) + 6 } });
        var dialog = page.GetByTestId("booking-dialog");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Heading)).ToContainTextAsync("15:00 with Therapist at Back Bay");
        await dialog.GetByLabel("Find a client by name").FillAsync(family);
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"Clementine {family}" }).ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("Time")).ToHaveValueAsync("15:00");
        await browser.ScreenshotAsync($"calendar-1-book-from-a-click-{viewport}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"Book Clementine {family} at 15:00" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("Booked Clementine");

        var appointments = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/clients/{client}/appointments", Cancel);
        var booked = Assert.Single(appointments.GetProperty("upcoming").EnumerateArray());
        Assert.Equal((day.ToDateTime(new TimeOnly(15, 0)), therapist), (booked.GetProperty("startsAt").GetDateTimeOffset().DateTime, booked.GetProperty("therapistId").GetGuid()));

        var seenElsewhere = otherDesk.Page.GetByTestId("appointment").Filter(new() { HasText = "Clementine" });
        await Assertions.Expect(seenElsewhere).ToContainTextAsync("15:00", new() { Timeout = 5_000 });
        await otherDesk.ScreenshotAsync($"calendar-2-seen-at-the-other-desk-{viewport}");
        Assert.True(browser.Errors.Count == 0 && otherDesk.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors.Concat(otherDesk.Errors)));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task Dragging_a_card_moves_the_appointment_after_confirmation_and_undo_puts_it_back(string viewport)
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Octavian", family: Journeys.UniqueFamilyName());
        var day = Journeys.Today().AddDays(8 + Journeys.Index(viewport) * 7);
        var nine = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), E2EPractice.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(9, 0))));
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, nine, desk, client);
        var therapist = practice.Therapists[E2EPractice.BackBay];

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.OpenDayAsync(page, day);
        var card = page.Locator($"[data-appointment='{appointment}']");
        await Assertions.Expect(card).ToContainTextAsync("09:00");

        // Grabbed 5 px below its top and dropped so that its top lands at 11:30 (270 minutes below 07:00).
        await DragCardAsync(card, page.Locator($"[data-drop-column='{therapist}']"), 270);
        var confirm = page.GetByTestId("move-dialog");
        await Assertions.Expect(confirm.GetByTestId("move-summary")).ToContainTextAsync("to " + day.ToString("ddd d MMM", Invariant) + " 11:30");
        await browser.ScreenshotAsync($"calendar-3-confirm-drag-{viewport}");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Move it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("Moved Octavian");
        await Assertions.Expect(card).ToContainTextAsync("11:30");
        Assert.Equal(new TimeOnly(11, 30), await StartAsync(desk, appointment));

        await page.GetByTestId("calendar-result").GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("Moved back to " + day.ToString("ddd d MMM", Invariant) + " 09:00");
        await Assertions.Expect(card).ToContainTextAsync("09:00");
        Assert.Equal(new TimeOnly(9, 0), await StartAsync(desk, appointment));

        // A drop that is not confirmed changes nothing.
        await DragCardAsync(card, page.Locator($"[data-drop-column='{therapist}']"), 360);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Keep it where it is" }).ClickAsync();
        await Assertions.Expect(confirm).ToBeHiddenAsync();
        Assert.Equal(new TimeOnly(9, 0), await StartAsync(desk, appointment));
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Fact]
    public async Task In_the_room_view_a_card_dragged_to_the_other_room_moves_the_appointment_there_at_the_same_time()
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Philippa", family: Journeys.UniqueFamilyName());
        var day = Journeys.Today().AddDays(12);
        var ten = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), E2EPractice.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(10, 0))));
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, ten, desk, client);
        var roomBefore = (await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{appointment}", Cancel)).GetProperty("roomId").GetGuid();

        await using var browser = await BrowserSession.OpenAsync(system);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.OpenDayAsync(page, day);
        await page.Locator("#calendar-by").SelectOptionAsync("room");
        var card = page.Locator($"[data-appointment='{appointment}']");
        await Assertions.Expect(card).ToContainTextAsync("Therapist at Back Bay");

        // Another room's column (other tests may have added rooms), at the same 10:00 (180 minutes below 07:00).
        var otherRoom = page.Locator($"[data-testid='calendar-column']:not(:has([data-appointment='{appointment}'])) [data-drop-column]").First;
        await DragCardAsync(card, otherRoom, 180);
        var confirm = page.GetByTestId("move-dialog");
        await Assertions.Expect(confirm.GetByTestId("move-summary")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(" 10:00 with Therapist at Back Bay in \\S"));
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Move it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("Moved Philippa");

        var after = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{appointment}", Cancel);
        Assert.NotEqual(roomBefore, after.GetProperty("roomId").GetGuid());
        Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(after.GetProperty("startsAt").GetDateTimeOffset().DateTime));
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    public async Task A_card_dragged_to_another_therapists_column_moves_the_appointment_to_them_at_the_same_time(string viewport)
    {
        var practice = await E2EPractice.OfAsync(system);
        var second = practice.SecondTherapistAtBackBay;
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var day = Journeys.Today().AddDays(new[] { 27, 28 }[Journeys.Index(viewport)]);
        var appointment = await BookHalfHourAsync(practice, desk, "Ignatius", day, new TimeOnly(9, 0));

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.OpenDayAsync(page, day);
        var card = page.Locator($"[data-appointment='{appointment}']");
        await Assertions.Expect(card).ToContainTextAsync("09:00");

        // Dropped in the other therapist's column with its top at 09:00 (120 minutes below 07:00).
        await DragCardAsync(card, page.Locator($"[data-drop-column='{second}']"), 120);
        var confirm = page.GetByTestId("move-dialog");
        await Assertions.Expect(confirm.GetByTestId("move-summary")).ToContainTextAsync("09:00 with Therapist two at Back Bay");
        await browser.ScreenshotAsync($"calendar-4-confirm-other-therapist-{viewport}");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Move it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("with Therapist two at Back Bay");
        await Assertions.Expect(page.Locator($"[data-drop-column='{second}']").Locator($"[data-appointment='{appointment}']")).ToHaveCountAsync(1);

        var stored = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{appointment}", Cancel);
        Assert.Equal((second, new TimeOnly(9, 0)), (stored.GetProperty("therapistId").GetGuid(), TimeOnly.FromDateTime(stored.GetProperty("startsAt").GetDateTimeOffset().DateTime)));
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task From_its_details_an_appointment_moves_to_a_free_time_of_any_therapist(string viewport)
    {
        // On a phone only one therapist's column is in view: moving to another therapist goes through the details.
        var practice = await E2EPractice.OfAsync(system);
        var second = practice.SecondTherapistAtBackBay;
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var day = Journeys.Today().AddDays(new[] { 27, 28, 29 }[Journeys.Index(viewport)]);
        var appointment = await BookHalfHourAsync(practice, desk, "Leopold", day, new TimeOnly(16, 0));

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.OpenDayAsync(page, day);
        await page.Locator($"[data-appointment='{appointment}']").ClickAsync();
        var details = page.GetByTestId("appointment-dialog");
        await details.GetByLabel("Any therapist").CheckAsync();
        var times = details.GetByRole(AriaRole.Group, new() { Name = "Free times for this appointment" });
        await times.GetByRole(AriaRole.Button, new() { Name = "16:00 · Therapist two at Back Bay" }).ClickAsync();
        await browser.ScreenshotAsync($"calendar-5-move-to-any-therapist-{viewport}");
        await details.GetByRole(AriaRole.Button, new() { Name = "Move it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("with Therapist two at Back Bay");

        var stored = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{appointment}", Cancel);
        Assert.Equal((second, new TimeOnly(16, 0)), (stored.GetProperty("therapistId").GetGuid(), TimeOnly.FromDateTime(stored.GetProperty("startsAt").GetDateTimeOffset().DateTime)));
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Theory]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task On_a_touch_screen_a_long_press_lifts_a_card_and_the_finger_moves_it(string viewport)
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Ottoline", family: Journeys.UniqueFamilyName());
        var day = Journeys.Today().AddDays(new[] { 0, 4, 7 }[Journeys.Index(viewport)]);
        var nine = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), E2EPractice.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(9, 0))));
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, nine, desk, client);

        await using var browser = await Journeys.OpenAsync(system, viewport, touch: true);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.OpenDayAsync(page, day);
        var card = page.Locator($"[data-appointment='{appointment}']");
        // The card mid-screen, so that where the finger lets go (below it) is on screen too.
        await card.EvaluateAsync("card => card.scrollIntoView({ block: 'center', inline: 'nearest' })");
        var box = await card.BoundingBoxAsync() ?? throw new InvalidOperationException("The card is not on screen.");

        // A finger held on the card lifts it (no scroll); moved down by 150 minutes' height, it is let go at 11:30.
        await DragReadyAsync(page);
        var touch = await page.Context.NewCDPSessionAsync(page);
        var (x, y) = (box.X + 12, box.Y + 8);
        await Touch(touch, "touchStart", x, y);
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdragging\\b"));
        for (var step = 1; step <= 10; step++)
        {
            await Touch(touch, "touchMove", x, y + (150 * 1.2f * step / 10));
        }

        await Touch(touch, "touchEnd", x, y + (150 * 1.2f));
        var confirm = page.GetByTestId("move-dialog");
        await Assertions.Expect(confirm.GetByTestId("move-summary")).ToContainTextAsync("to " + day.ToString("ddd d MMM", Invariant) + " 11:30");
        await browser.ScreenshotAsync($"calendar-6-touch-drag-{viewport}");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Move it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("Moved Ottoline");
        Assert.Equal(new TimeOnly(11, 30), await StartAsync(desk, appointment));

        // A quick swipe over a card scrolls instead: nothing is lifted and nothing asks to move.
        await card.EvaluateAsync("card => card.scrollIntoView({ block: 'center', inline: 'nearest' })");
        box = await card.BoundingBoxAsync() ?? throw new InvalidOperationException("The card is not on screen.");
        await Touch(touch, "touchStart", box.X + 12, box.Y + 8);
        await Touch(touch, "touchMove", box.X + 12, box.Y + 60);
        await Touch(touch, "touchEnd", box.X + 12, box.Y + 60);
        await Assertions.Expect(card).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdragging\\b"));
        await Assertions.Expect(confirm).ToBeHiddenAsync();
        Assert.Equal(new TimeOnly(11, 30), await StartAsync(desk, appointment));
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    /// <summary>One finger's touch event, as a touch screen sends it (through the browser's debugging protocol).</summary>
    private static async Task Touch(ICDPSession session, string type, float x, float y) =>
        await session.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        });

    /// <summary>A new client booked for 30 minutes with Back Bay's first therapist.</summary>
    private static async Task<Guid> BookHalfHourAsync(E2EPractice practice, HttpClient desk, string given, DateOnly day, TimeOnly at)
    {
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: given, family: Journeys.UniqueFamilyName());
        var local = day.ToDateTime(at);
        return await practice.BookAtAsync(E2EPractice.BackBay, new DateTimeOffset(local, E2EPractice.Zone.GetUtcOffset(local)), desk, client, serviceCode: "NMT-30");
    }

    [Fact]
    public async Task Today_shows_a_line_at_the_current_time()
    {
        await E2EPractice.OfAsync(system);
        await using var browser = await BrowserSession.OpenAsync(system);
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await browser.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Calendar" }).ClickAsync();

        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, E2EPractice.Zone);
        var line = browser.Page.GetByTestId("now-line").First;
        await Assertions.Expect(line).ToBeVisibleAsync();
        var shown = TimeOnly.ParseExact(await line.InnerTextAsync(), "HH:mm", Invariant);
        Assert.InRange((TimeOnly.FromDateTime(now.DateTime) - shown).TotalMinutes, -1, 2);
    }

    /// <summary>
    /// Drags a card, held 5 px below its top, into a column so that its top lands
    /// <paramref name="minutesAfterSeven"/> below the grid's 07:00 (1.2 px a minute), once the
    /// calendar's script listens for it (the grid says so).
    /// </summary>
    private static async Task DragCardAsync(ILocator card, ILocator column, int minutesAfterSeven)
    {
        await DragReadyAsync(card.Page);
        await card.DragToAsync(column, new()
        {
            SourcePosition = new() { X = 10, Y = 5 },
            TargetPosition = new() { X = 30, Y = (minutesAfterSeven * 1.2f) + 5 },
        });
    }

    /// <summary>Waits until the calendar's script listens for a press on a card.</summary>
    private static Task DragReadyAsync(IPage page) => Assertions.Expect(page.Locator("[data-drag-ready='true']").First).ToBeAttachedAsync();

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task A_check_in_the_screening_gate_opened_no_note_for_shows_why_on_the_calendar_and_what_to_do(string viewport)
    {
        // A client whose screening needs a physician's clearance is booked (flagged) and checked in:
        // treatment records opens no note, and the desk sees why on the card and in its details.
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var client = await E2EPractice.RegisterScreenedClientAsync(
            desk, E2EPractice.BackBay, answersInstead: new Dictionary<string, object> { ["anticoagulants"] = true }, given: "Hortensia", family: family);
        // Back Bay's second therapist and a half hour: the first therapist's day stays free for the journeys that book it.
        var second = practice.SecondTherapistAtBackBay;
        var start = await practice.FreeStartTodayAsync(E2EPractice.BackBay, desk, TimeSpan.FromMinutes(30), second, "NMT-30");
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, start, desk, client, second, "NMT-30");
        (await desk.PostAsJsonAsync($"api/scheduling/appointments/{appointment}/check-in", new { }, Cancel)).EnsureSuccessStatusCode();

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.OpenDayAsync(page, Journeys.Today());
        var card = page.Locator($"[data-appointment='{appointment}']");
        await Assertions.Expect(card.GetByTestId("note-refused")).ToContainTextAsync("No note: physician clearance needed", new() { Timeout = 15_000 });
        await card.GetByRole(AriaRole.Button).ClickAsync();
        var details = page.GetByTestId("appointment-dialog");
        await Assertions.Expect(details.GetByTestId("panel-note-refused")).ToContainTextAsync("Record the physician's clearance on the client page");
        await browser.ScreenshotAsync($"calendar-note-refused-{viewport}");
        await details.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // The sessions of the day say so too, instead of offering a note that is not there (a colleague's
        // session: the therapist picks every therapist's sessions instead of their own).
        await using var therapist = await Journeys.OpenAsync(system, viewport);
        await therapist.SignInAsync("therapist.backbay", system.DemoPassword);
        await Journeys.GoToAsync(therapist.Page, "Sessions");
        await Assertions.Expect(therapist.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My sessions today");
        await therapist.Page.GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Every therapist" });
        var row = therapist.Page.GetByTestId("session-row").Filter(new() { HasText = "Hortensia" }).Filter(new() { HasText = start.ToString("HH:mm", Invariant) });
        await Assertions.Expect(row.GetByTestId("session-note-refused")).ToContainTextAsync("No note: physician clearance needed");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = "Session note" })).ToHaveCountAsync(0);
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
        Assert.True(therapist.Errors.Count == 0, string.Join(Environment.NewLine, therapist.Errors));
    }

    private static async Task<TimeOnly> StartAsync(HttpClient desk, Guid appointment)
    {
        var stored = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{appointment}", Cancel);
        return TimeOnly.FromDateTime(stored.GetProperty("startsAt").GetDateTimeOffset().DateTime);
    }
}
