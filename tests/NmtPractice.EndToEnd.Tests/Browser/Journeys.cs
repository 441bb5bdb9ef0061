using System.Globalization;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>What every browser journey needs: a browser of one of the three screen sizes, a family name no other test uses, today at the end-to-end clinics, and the main menu.</summary>
internal static class Journeys
{
    /// <summary>0 for the desk, 1 for the tablet, 2 for the phone: spreads one journey's bookings over different days.</summary>
    public static int Index(string viewport) => Array.FindIndex(BrowserSession.Viewports, size => size.Name == viewport) is var index and >= 0
        ? index
        : throw new ArgumentException($"No viewport is called {viewport}.", nameof(viewport));

    /// <summary>A browser the size of <paramref name="viewport"/>.</summary>
    public static Task<BrowserSession> OpenAsync(RunningSystem system, string viewport, bool touch = false)
    {
        var (_, width, height) = BrowserSession.Viewports[Index(viewport)];
        return BrowserSession.OpenAsync(system, width, height, touch);
    }

    /// <summary>Follows a link of the main menu, unfolding the menu first where the screen folds it away.</summary>
    public static async Task GoToAsync(IPage page, string link)
    {
        await UnfoldMenuAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
    }

    /// <summary>Unfolds the main menu where the screen folds it away (tablet and phone).</summary>
    public static async Task UnfoldMenuAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        if (await menu.IsVisibleAsync() && await menu.GetAttributeAsync("aria-expanded") != "true")
        {
            await menu.ClickAsync();
        }
    }

    /// <summary>Opens the calendar at <paramref name="day"/> (typed into its date field) and waits until it shows that day.</summary>
    public static async Task OpenDayAsync(IPage page, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(page);
        await GoToAsync(page, "Calendar");
        await page.Locator("#calendar-date").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#calendar-date").BlurAsync();
        await Assertions.Expect(page.GetByTestId("calendar-day")).ToContainTextAsync(day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
    }

    /// <summary>A family name no other test uses (letters only, as names are).</summary>
    public static string UniqueFamilyName() =>
        "Q" + string.Concat(Guid.NewGuid().ToString("N").Take(8).Select(c => (char)('a' + (c % 26))));

    /// <summary>Today in the end-to-end clinics' time zone.</summary>
    public static DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, E2EPractice.Zone).DateTime);
}
