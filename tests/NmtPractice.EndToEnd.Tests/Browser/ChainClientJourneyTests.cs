using System.Net.Http.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// A client of the chain in a real browser, at a desk, on a tablet and on a phone: another clinic's
/// desk finds them, sees their summary (not their health history) and books them, after which the
/// whole record opens there; operations merge a duplicate registration.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class ChainClientJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task Another_clinics_desk_finds_a_chain_client_sees_their_summary_and_books_them_which_opens_the_whole_record(string viewport)
    {
        await E2EPractice.OfAsync(system);
        using var backBayDesk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var client = await E2EPractice.RegisterScreenedClientAsync(backBayDesk, E2EPractice.BackBay, given: "Rosalind", family: family);

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.cambridge", system.DemoPassword);
        await page.GetByLabel("Find a client", new() { Exact = true }).FillAsync(family);
        var found = page.GetByTestId("header-search-results").GetByRole(AriaRole.Link, new() { Name = $"Rosalind {family}" });
        await Assertions.Expect(found).ToContainTextAsync("registered at Back Bay");
        await browser.ScreenshotAsync($"chain-client-1-found-{viewport}");
        await found.ClickAsync();

        // Not known at Cambridge yet: the summary, and why the health history is not shown.
        await Assertions.Expect(page.GetByTestId("client-elsewhere")).ToContainTextAsync("Registered at Back Bay");
        await Assertions.Expect(page.GetByTestId("client-screening")).ToContainTextAsync("Screening: cleared");
        await Assertions.Expect(page.GetByTestId("client-intake")).ToHaveCountAsync(0);
        Assert.Empty(browser.Errors);
        await browser.ScreenshotAsync($"chain-client-2-summary-{viewport}");

        // Booked from the summary: the client is already chosen; the first free time, then Book.
        await page.GetByRole(AriaRole.Link, new() { Name = "Book an appointment" }).ClickAsync();
        var first = page.Locator(".slot-day-group[open] .slot").First;
        await Assertions.Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("booked")).ToContainTextAsync($"Rosalind {family}");

        // Booked here, the whole record opens at Cambridge (once the booking has reached intake).
        await Eventually.UntilAsync("the booking to open the whole record at Cambridge", async () =>
        {
            await page.GotoAsync(new Uri(browser.Gateway, $"app/clients/{client}").ToString());
            await page.GetByTestId("client-intake").Or(page.GetByTestId("client-elsewhere")).First.WaitForAsync();
            return await page.GetByTestId("client-intake").IsVisibleAsync();
        });
        await Assertions.Expect(page.GetByTestId("client-home")).ToHaveTextAsync("Registered at Back Bay");
        await Assertions.Expect(page.GetByTestId("client-appointments")).ToContainTextAsync("Cambridge");
        await browser.ScreenshotAsync($"chain-client-3-whole-{viewport}");
        Assert.Empty(browser.Errors);
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task Operations_merge_a_duplicate_registration_after_confirming(string viewport)
    {
        await E2EPractice.OfAsync(system);
        using var backBayDesk = await system.ClientForAsync("frontdesk.backbay");
        using var cambridgeDesk = await system.ClientForAsync("frontdesk.cambridge");
        var family = Journeys.UniqueFamilyName();
        var first = await E2EPractice.RegisterScreenedClientAsync(backBayDesk, E2EPractice.BackBay, given: "Ottilie", family: family);
        var second = await E2EPractice.RegisterScreenedClientAsync(cambridgeDesk, E2EPractice.Cambridge, given: "Ottilie", family: family);

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("ops.admin", system.DemoPassword);
        await Journeys.GoToAsync(page, "Duplicates");
        var group = page.GetByTestId("duplicate-group").Filter(new() { HasText = $"Ottilie {family}" });
        await Assertions.Expect(group.GetByRole(AriaRole.Radio)).ToHaveCountAsync(2);

        // Keep the Back Bay record; a reason is required and kept.
        await group.GetByRole(AriaRole.Radio, new() { Name = "Registered at Back Bay", Exact = false }).CheckAsync();
        await group.GetByRole(AriaRole.Button, new() { Name = "Merge into the kept record" }).ClickAsync();
        var dialog = page.GetByTestId("merge-dialog");
        await Assertions.Expect(dialog.GetByTestId("merge-summary")).ToContainTextAsync("registered at Back Bay");
        await browser.ScreenshotAsync($"merge-1-confirm-{viewport}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Assertions.Expect(group.Locator(".field-error")).ToContainTextAsync("Required");

        await group.GetByLabel("Why these are the same person").FillAsync("Same phone and email; registered again at Cambridge");
        await group.GetByRole(AriaRole.Button, new() { Name = "Merge into the kept record" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Assertions.Expect(group).ToHaveCountAsync(0);

        using var operations = await system.ClientForAsync("ops.admin");
        var closed = await operations.GetFromJsonAsync<ClientRecord>($"api/intake/clients/{second}", Cancel);
        Assert.Equal(first, closed!.MergedInto);
        await page.GotoAsync(new Uri(browser.Gateway, $"app/clients/{second}").ToString());
        await Assertions.Expect(page.GetByTestId("client-merged")).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"merge-2-closed-record-{viewport}");
        Assert.Empty(browser.Errors);
    }

    private sealed record ClientRecord(Guid Id, Guid? MergedInto);
}
