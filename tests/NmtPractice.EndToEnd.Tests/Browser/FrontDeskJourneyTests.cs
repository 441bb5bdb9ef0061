using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>The front desk in a real browser: signs in, finds today's appointment on the calendar and checks the client in.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class FrontDeskJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Front_desk_signs_in_sees_todays_appointment_and_checks_the_client_in()
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, E2EPractice.Zone);
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute / 15 * 15, 0, now.Offset).AddMinutes(75);
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, start, desk);

        await using var browser = await BrowserSession.OpenAsync(system);
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Assertions.Expect(browser.Page.GetByTestId("current-location")).ToHaveTextAsync("Back Bay");
        await browser.ScreenshotAsync("front-desk-1-home");

        await browser.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Calendar" }).ClickAsync();
        var card = browser.Page.GetByTestId("appointment").Filter(new() { HasText = start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        await Assertions.Expect(card).ToContainTextAsync("Booked");
        await browser.ScreenshotAsync("front-desk-2-calendar");

        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
        await card.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("Checked in");
        await browser.ScreenshotAsync("front-desk-3-checked-in");

        var stored = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{appointment}", Cancel);
        Assert.Equal("CheckedIn", stored.GetProperty("status").GetString());
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
