using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// The desk marks a client who did not come as a no-show, once the appointment has started. The system
/// runs on the real clock, so the appointments these tests mark are booked when the practice is set up
/// (<see cref="E2EPractice.StartingSoon"/>, a few minutes ahead) and the class runs after every other
/// one: by then they have started, and the wait for their start is a guard, not a pause.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[RunsLast]
public sealed class NoShowJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task Once_an_appointment_has_started_the_desk_marks_a_no_show_after_confirming_and_the_card_stays_struck_through(string viewport)
    {
        // One of the appointments booked at set-up to start a minute or so later (no-shows are for appointments that have started).
        var practice = await E2EPractice.OfAsync(system);
        var (location, appointment, given, startsAt) = practice.StartingSoon[Journeys.Index(viewport)];
        var deskUser = location == E2EPractice.BackBay ? "frontdesk.backbay" : "frontdesk.cambridge";
        using var desk = await system.ClientForAsync(deskUser);
        await Eventually.UntilAsync("the appointment to have started", () => Task.FromResult(DateTimeOffset.UtcNow >= startsAt), TimeSpan.FromMinutes(7));

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync(deskUser, system.DemoPassword);
        await Journeys.OpenDayAsync(page, Journeys.Today());
        var card = page.Locator($"[data-appointment='{appointment}']");
        await card.ClickAsync();
        var details = page.GetByTestId("appointment-dialog");

        // Asked first; keeping it changes nothing.
        await details.GetByRole(AriaRole.Button, new() { Name = "Mark no-show" }).ClickAsync();
        var confirm = details.GetByRole(AriaRole.Group);
        await Assertions.Expect(confirm).ToContainTextAsync($"Mark {given} S. as a no-show?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        Assert.Equal("Booked", (await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{appointment}", Cancel)).GetProperty("status").GetString());

        await details.GetByRole(AriaRole.Button, new() { Name = "Mark no-show" }).ClickAsync();
        await browser.ScreenshotAsync($"calendar-7-confirm-no-show-{viewport}");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Mark no-show" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync($"Marked {given} S. as a no-show");
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-noshow"));
        await Assertions.Expect(card).ToContainTextAsync("No-show");
        Assert.Equal("NoShow", (await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/appointments/{appointment}", Cancel)).GetProperty("status").GetString());
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }
}
