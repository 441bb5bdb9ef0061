using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// A clinic manager changes the practice in a real browser, at a desk, on a tablet and on a phone: a
/// therapist is added with their hours here, then leaves the location from a day (their appointment after it listed for reassignment, not
/// cancelled) and then stays after all; a room is added, renamed and retired; a closure is scheduled and
/// called off. Each change is read back from scheduling.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class PracticeJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manager_opens_online_booking_for_one_service_and_the_public_pages_offer_exactly_that_after_a_refusal_in_words()
    {
        await E2EPractice.OfAsync(system);
        await using var browser = await BrowserSession.OpenAsync(system);
        var page = browser.Page;
        await browser.SignInAsync("manager.cambridge", system.DemoPassword);
        await Journeys.GoToAsync(page, "Practice");
        var online = page.GetByTestId("online-booking");
        var open = online.GetByLabel("Take bookings online");
        await Assertions.Expect(open).Not.ToBeCheckedAsync();

        // Opened with no service: refused in words beside the services, and nothing is stored.
        await open.CheckAsync();
        await online.GetByRole(AriaRole.Button, new() { Name = "Save online booking" }).ClickAsync();
        await Assertions.Expect(online).ToContainTextAsync("Name at least one service");
        using var manager = await system.ClientForAsync("manager.cambridge");
        Assert.False((await manager.GetFromJsonAsync<JsonElement>($"api/scheduling/locations/{E2EPractice.Cambridge}", Cancel)).GetProperty("onlineBooking").GetProperty("open").GetBoolean());

        await online.GetByLabel("NMT 60 minutes (60 min)").CheckAsync();
        await online.GetByLabel("Notice at least (hours)").FillAsync("24");
        await online.GetByRole(AriaRole.Button, new() { Name = "Save online booking" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("announcement")).ToContainTextAsync("Online booking saved: clients may book online");
        await browser.ScreenshotAsync("practice-online-booking-open");
        var stored = (await manager.GetFromJsonAsync<JsonElement>($"api/scheduling/locations/{E2EPractice.Cambridge}", Cancel)).GetProperty("onlineBooking");
        Assert.Equal((true, "NMT-60", 24), (stored.GetProperty("open").GetBoolean(), Assert.Single(stored.GetProperty("serviceCodes").EnumerateArray()).GetString(), stored.GetProperty("minimumNoticeHours").GetInt32()));

        // Anyone, without signing in, finds free times of that service there, and none of another.
        using var anyone = system.CreateGatewayClient();
        var from = Journeys.Today().AddDays(20);
        var times = await anyone.GetFromJsonAsync<JsonElement>(
            $"api/scheduling/public/locations/{E2EPractice.Cambridge}/times?serviceCode=NMT-60&from={from:yyyy-MM-dd}&to={from.AddDays(1):yyyy-MM-dd}", Cancel);
        Assert.NotEmpty(times.GetProperty("times").EnumerateArray());
        using var thirty = await anyone.GetAsync(new Uri($"api/scheduling/public/locations/{E2EPractice.Cambridge}/times?serviceCode=NMT-30", UriKind.Relative), Cancel);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, thirty.StatusCode);
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task A_manager_plans_a_therapists_leaving_sees_what_to_reassign_and_changes_rooms_and_closures(string viewport)
    {
        var practice = await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var unique = Journeys.UniqueFamilyName();

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("manager.backbay", system.DemoPassword);
        await Journeys.GoToAsync(page, "Practice");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Practice", Exact = true })).ToBeVisibleAsync();

        // A new therapist who works Sunday evenings only (so no other journey meets them), added with their hours here.
        var therapistName = $"Leif {unique}";
        await page.Locator("#new-therapist-name").FillAsync(therapistName);
        await page.Locator("#new-therapist-NMT-30").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add hours to Hours of the new therapist at Back Bay" }).ClickAsync();
        await page.Locator("#new-therapist-hours-0-day").SelectOptionAsync("Sunday");
        await page.Locator("#new-therapist-hours-0-from").FillAsync("19:00");
        await page.Locator("#new-therapist-hours-0-to").FillAsync("21:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add therapist" }).ClickAsync();
        var row = page.GetByTestId("therapist-row").Filter(new() { HasText = therapistName });
        await Assertions.Expect(row).ToContainTextAsync("Works here");
        await Assertions.Expect(row).ToContainTextAsync("NMT-30");
        var profile = (await admin.GetFromJsonAsync<JsonElement>($"api/scheduling/therapists?locationId={E2EPractice.BackBay}", Cancel))
            .EnumerateArray().Single(t => t.GetProperty("name").GetString() == therapistName);
        var therapist = profile.GetProperty("id").GetGuid();
        var hoursHere = profile.GetProperty("locations").EnumerateArray().Single(l => l.GetProperty("locationId").GetGuid() == E2EPractice.BackBay).GetProperty("hours");
        Assert.Equal(("Sunday", "19:00:00", "21:00:00"), (hoursHere[0].GetProperty("day").GetString(), hoursHere[0].GetProperty("from").GetString(), hoursHere[0].GetProperty("to").GetString()));

        // A booking with them on a Sunday months ahead.
        var sunday = Journeys.Today().AddDays(90 + (7 * Journeys.Index(viewport)));
        while (sunday.DayOfWeek != DayOfWeek.Sunday)
        {
            sunday = sunday.AddDays(1);
        }

        var local = sunday.ToDateTime(new TimeOnly(20, 0));
        var booked = await practice.BookAtAsync(E2EPractice.BackBay, new DateTimeOffset(local, E2EPractice.Zone.GetUtcOffset(local)), desk, therapistId: therapist, serviceCode: "NMT-30");
        await browser.ScreenshotAsync($"practice-1-page-{viewport}");
        await browser.AssertAccessibleAsync($"practice-page-{viewport}");

        // The therapist leaves from the Sunday before the booking: the booking is listed to reassign, and stays booked.
        var leavesOn = sunday.AddDays(-7);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Leaving… of {therapistName}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("First day they no longer work here").FillAsync(leavesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Set the day" }).ClickAsync();
        var toReassign = dialog.GetByTestId("to-reassign");
        await Assertions.Expect(toReassign).ToContainTextAsync("1 appointment here from");
        await Assertions.Expect(toReassign.GetByRole(AriaRole.Link)).ToHaveTextAsync(local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture));
        await Assertions.Expect(toReassign.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"calendar?date={sunday:yyyy-MM-dd}");
        await browser.ScreenshotAsync($"practice-2-leaving-{viewport}");
        await browser.AssertAccessibleAsync($"practice-leaving-{viewport}");
        var leaving = await admin.GetFromJsonAsync<JsonElement>($"api/scheduling/therapists/{therapist}/locations/{E2EPractice.BackBay}/leaving", Cancel);
        Assert.Equal(leavesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), leaving.GetProperty("leavesOn").GetString());
        Assert.Equal([booked], leaving.GetProperty("toReassign").EnumerateArray().Select(a => a.GetProperty("appointmentId").GetGuid()));
        Assert.Equal("Booked", (await admin.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{booked}", Cancel)).GetProperty("status").GetString());

        // They stay after all.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "They stay" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(row).ToContainTextAsync("Works here");
        using var noLeaving = await admin.GetAsync($"api/scheduling/therapists/{therapist}/locations/{E2EPractice.BackBay}/leaving", Cancel);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, noLeaving.StatusCode);

        // A room added, renamed and retired.
        var roomName = $"Quiet {unique}"[..14];
        // By keyboard: the name, then Tab to "Add room" and Enter.
        await page.GetByLabel("New room").FillAsync(roomName);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add room" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var room = page.Locator($"[data-testid='room'][data-room='{roomName}']");
        await Assertions.Expect(room).ToHaveCountAsync(1);
        await room.GetByRole(AriaRole.Textbox).FillAsync($"{roomName} B");
        await room.GetByRole(AriaRole.Button, new() { Name = $"Rename {roomName}" }).ClickAsync();
        var renamed = page.Locator($"[data-testid='room'][data-room='{roomName} B']");
        await Assertions.Expect(renamed).ToHaveCountAsync(1);
        await renamed.GetByRole(AriaRole.Button, new() { Name = $"Retire {roomName} B" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Retire", Exact = true }).ClickAsync();
        await Assertions.Expect(renamed).ToHaveCountAsync(0);
        var location = await admin.GetFromJsonAsync<JsonElement>($"api/scheduling/locations/{E2EPractice.BackBay}", Cancel);
        Assert.DoesNotContain(location.GetProperty("rooms").EnumerateArray(), r => r.GetProperty("name").GetString()!.StartsWith(roomName, StringComparison.Ordinal));

        // A closure scheduled years ahead, then called off.
        var closed = Journeys.Today().AddDays(900 + (3 * Journeys.Index(viewport)));
        await page.GetByLabel("Closed from").FillAsync(closed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Closed until (included)").FillAsync(closed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Why closed").FillAsync($"Inventory {unique}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close these days" }).ClickAsync();
        var closure = page.GetByTestId("closure").Filter(new() { HasText = $"Inventory {unique}" });
        await Assertions.Expect(closure).ToContainTextAsync(closed.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));
        await browser.ScreenshotAsync($"practice-3-closure-{viewport}");
        await closure.GetByRole(AriaRole.Button, new() { Name = "Call off" }).ClickAsync();
        await Assertions.Expect(closure).ToHaveCountAsync(0);
        location = await admin.GetFromJsonAsync<JsonElement>($"api/scheduling/locations/{E2EPractice.BackBay}", Cancel);
        Assert.DoesNotContain(location.GetProperty("closures").EnumerateArray(), c => c.GetProperty("reason").GetString() == $"Inventory {unique}");
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }
}
