using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// The front desk books a course of care in a real browser, at a desk, on a tablet and on a phone: six
/// weekly sessions in one go, one week clashing with another client's booking; the desk picks another
/// time that week from the alternatives offered, and the course is whole; later the last two sessions
/// are cancelled together from the calendar.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class SeriesJourneyTests(RunningSystem system)
{
    private const string Therapist = "Therapist at Back Bay";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task The_desk_books_six_weekly_sessions_with_one_clash_and_picks_another_time_for_it(string viewport)
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Saoirse", family: family);
        var other = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Tobias", family: Journeys.UniqueFamilyName());

        // A first day, months ahead, whose 13:00 is free with the therapist for six weeks; then another client takes the third week's.
        var first = await SixFreeWeeksAsync(desk, practice.Therapists[E2EPractice.BackBay], Journeys.Today().AddDays(150 + (10 * Journeys.Index(viewport))));
        var clash = At(first.AddDays(14), 13);
        await practice.BookAtAsync(E2EPractice.BackBay, clash, desk, other);

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await Journeys.GoToAsync(page, "Book");
        await page.GetByLabel("Find a client by name").FillAsync(family);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Saoirse {family}" }).ClickAsync();
        await page.GetByLabel("Therapist").SelectOptionAsync(new SelectOptionValue { Label = Therapist });
        await page.GetByLabel("From").FillAsync(first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var day = page.GetByRole(AriaRole.Group, new() { Name = first.ToString("dddd d MMMM", CultureInfo.InvariantCulture), Exact = true });
        await day.GetByRole(AriaRole.Button, new() { Name = "13:00", Exact = false }).First.ClickAsync();

        // A course: every week, six sessions (the default), said on the button.
        await page.GetByLabel("A course of sessions, same therapist and time").CheckAsync();
        await Assertions.Expect(page.GetByLabel("Sessions", new() { Exact = true })).ToHaveValueAsync("6");
        await Assertions.Expect(page.GetByTestId("series-summary")).ToHaveTextAsync(
            string.Create(CultureInfo.InvariantCulture, $"Every {first:dddd} at 13:00, {first:d MMMM} to {first.AddDays(35):d MMMM yyyy} (6 sessions)"));
        await browser.ScreenshotAsync($"series-1-course-{viewport}");
        await browser.AssertAccessibleAsync($"series-course-{viewport}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book 6 sessions" }).ClickAsync();

        // Five are booked; the third is not, with why and other times that day. Focus is on the result.
        var result = page.GetByTestId("series-result");
        await Assertions.Expect(result.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Saoirse {family}: 5 of 6 sessions booked");
        await Assertions.Expect(result.GetByRole(AriaRole.Heading)).ToBeFocusedAsync();
        var third = result.Locator("[data-occurrence='3']");
        await Assertions.Expect(third).ToContainTextAsync("Not booked");
        await Assertions.Expect(third).ToContainTextAsync("The therapist has another appointment at this time");
        await browser.ScreenshotAsync($"series-2-one-clash-{viewport}");
        await browser.AssertAccessibleAsync($"series-clash-{viewport}");

        // The desk picks the first other time offered for that week (by keyboard): the course is whole.
        var alternative = third.GetByRole(AriaRole.Group).GetByRole(AriaRole.Button).First;
        var picked = (await alternative.InnerTextAsync()).Trim()[..5];
        await alternative.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(result.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Saoirse {family}: 6 of 6 sessions booked");
        await Assertions.Expect(third).ToContainTextAsync("Booked");
        await Assertions.Expect(result.GetByTestId("series-gaps")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync($"series-3-whole-{viewport}");

        // What scheduling holds: six booked appointments of one series, in order, the third at the time picked.
        var appointments = (await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/clients/{client}/appointments", Cancel))
            .GetProperty("upcoming").EnumerateArray().OrderBy(a => a.GetProperty("occurrence").GetInt32()).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], appointments.Select(a => a.GetProperty("occurrence").GetInt32()));
        Assert.Single(appointments.Select(a => a.GetProperty("seriesId").GetGuid()).Distinct());
        Assert.All(appointments, a => Assert.Equal("Booked", a.GetProperty("status").GetString()));
        var starts = appointments.Select(a => a.GetProperty("startsAt").GetDateTimeOffset()).ToList();
        Assert.Equal([At(first, 13), At(first.AddDays(7), 13), At(first.AddDays(21), 13), At(first.AddDays(28), 13), At(first.AddDays(35), 13)], starts.Where((_, i) => i != 2));
        Assert.Equal(first.AddDays(14), DateOnly.FromDateTime(starts[2].DateTime));
        Assert.Equal(picked, starts[2].ToString("HH:mm", CultureInfo.InvariantCulture));

        // Later the client stops after the fourth session: from the calendar, the desk cancels the fifth with the sixth.
        await page.GotoAsync(new Uri(browser.Gateway, $"app/calendar?date={starts[4]:yyyy-MM-dd}").ToString());
        var card = page.GetByTestId("appointment").Filter(new() { HasText = "Saoirse" });
        await Assertions.Expect(card).ToContainTextAsync("course, session 5");
        await card.ClickAsync();
        var details = page.GetByTestId("appointment-dialog");
        await Assertions.Expect(details.GetByTestId("panel-course")).ToHaveTextAsync("Session 5 of a course booked together");
        await details.GetByLabel("Also cancel the later sessions of the course").CheckAsync();
        await details.GetByRole(AriaRole.Button, new() { Name = "Cancel this and the later sessions" }).ClickAsync();
        await browser.ScreenshotAsync($"series-4-cancel-following-{viewport}");
        await details.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel them" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("Cancelled 2 sessions of Saoirse");
        var book = await desk.GetFromJsonAsync<JsonElement>($"api/scheduling/clients/{client}/appointments", Cancel);
        var after = book.GetProperty("upcoming").EnumerateArray().Concat(book.GetProperty("past").EnumerateArray())
            .OrderBy(a => a.GetProperty("occurrence").GetInt32()).Select(a => a.GetProperty("status").GetString()).ToList();
        Assert.Equal(["Booked", "Booked", "Booked", "Booked", "Cancelled", "Cancelled"], after);
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    private static DateTimeOffset At(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, E2EPractice.Zone.GetUtcOffset(local));
    }

    /// <summary>The first day from <paramref name="from"/> whose 13:00 the therapist has free on it and the five weeks after.</summary>
    private static async Task<DateOnly> SixFreeWeeksAsync(HttpClient desk, Guid therapist, DateOnly from)
    {
        for (var day = from; ; day = day.AddDays(1))
        {
            var free = true;
            for (var week = 0; week < 6 && free; week++)
            {
                var date = day.AddDays(7 * week);
                var slots = await desk.GetFromJsonAsync<JsonElement>(
                    $"api/scheduling/availability?locationId={E2EPractice.BackBay}&serviceCode=NMT-60&from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}&therapistId={therapist}", Cancel);
                free = slots.GetProperty("slots").EnumerateArray().Any(slot => slot.GetProperty("startsAt").GetDateTimeOffset() == At(date, 13));
            }

            if (free)
            {
                return day;
            }
        }
    }
}
