using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// Staff administration in a real browser, at a desk, on a tablet and on a phone: a manager of Back Bay
/// and Cambridge (new, so she sets up two-factor sign-in first) invites a colleague as front desk at
/// Back Bay and therapist at Cambridge, linked to her therapist profile; the colleague sets her
/// password through the link, signs in, and at each location the application offers what her role
/// there allows, and nothing else.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class StaffJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task A_manager_of_two_clinics_invites_a_colleague_with_a_role_at_each_and_she_gets_exactly_those(string viewport)
    {
        await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        var (_, managerEmail, managerPassword) = await StaffAccountsForTests.InviteAsync(
            system, admin, [(E2EPractice.BackBay, "clinic-manager"), (E2EPractice.Cambridge, "clinic-manager")]);
        var given = $"Freya {Journeys.UniqueFamilyName()}";
        var profile = await TherapistProfileAtCambridgeAsync(admin, given);
        var email = $"freya.{Guid.NewGuid():N}@example.org";
        using var cambridgeDesk = await system.ClientForAsync("frontdesk.cambridge");
        var family = Journeys.UniqueFamilyName();
        await E2EPractice.RegisterScreenedClientAsync(cambridgeDesk, E2EPractice.Cambridge, given: "Wilhelmina", family: family);

        string link;
        await using (var browser = await Journeys.OpenAsync(system, viewport))
        {
            var page = browser.Page;
            await SignInEnrollingAsync(browser, managerEmail, managerPassword);
            await page.Locator("#location-picker").SelectOptionAsync(new SelectOptionValue { Label = "Cambridge" });
            await Journeys.GoToAsync(page, "Staff");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "At Cambridge" })).ToBeVisibleAsync();

            await page.GetByLabel("Name required").FillAsync(given);
            await page.GetByLabel("Email (their user name)").FillAsync(email);
            await page.GetByRole(AriaRole.Group, new() { Name = "At Back Bay" }).GetByLabel("Front desk").CheckAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "At Cambridge" }).GetByLabel("Therapist").CheckAsync();
            await page.GetByLabel("Their therapist profile").SelectOptionAsync(new SelectOptionValue { Label = given });
            await browser.AssertAccessibleAsync($"staff-invite-{viewport}");
            await browser.ScreenshotAsync($"staff-1-invite-{viewport}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();

            await Assertions.Expect(page.GetByTestId("set-password-link")).ToContainTextAsync($"Give {given} this link");
            link = await page.GetByRole(AriaRole.Textbox, new() { Name = "Set-password link" }).InputValueAsync();
            var row = page.GetByTestId("staff-row").Filter(new() { HasText = email });
            await Assertions.Expect(row).ToContainTextAsync("Back Bay: front desk · Cambridge: therapist");
            await Assertions.Expect(row).ToContainTextAsync("Invited, no password yet");
            await browser.AssertAccessibleAsync($"staff-invited-{viewport}");
            await browser.ScreenshotAsync($"staff-2-invited-{viewport}");
            Assert.Empty(browser.Errors);
        }

        // Her therapist profile names her account.
        using (var read = await admin.GetAsync($"api/scheduling/therapists/{profile}", Cancel))
        {
            var userId = (await read.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("userId").GetString();
            Assert.False(string.IsNullOrEmpty(userId));
        }

        await using (var browser = await Journeys.OpenAsync(system, viewport))
        {
            var page = browser.Page;
            var path = new Uri(link).PathAndQuery;
            await page.GotoAsync(new Uri(browser.Gateway, path.TrimStart('/')).ToString());
            const string password = "marble kettle sunrise orchard";
            await page.GetByLabel("New password").FillAsync(password);
            await page.GetByLabel("Repeat the password").FillAsync(password);
            await browser.AssertAccessibleAsync($"set-password-{viewport}");
            await browser.ScreenshotAsync($"staff-3-set-password-{viewport}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Password set" })).ToBeVisibleAsync();

            await browser.SignInAsync(email, password);
            var options = await page.Locator("#location-picker option").AllTextContentsAsync();
            Assert.Equal(["Back Bay", "Cambridge"], options.Order());

            // At Back Bay she is the front desk: booking, no session notes.
            await page.Locator("#location-picker").SelectOptionAsync(new SelectOptionValue { Label = "Back Bay" });
            await Assertions.Expect(page.GetByTestId("roles-here")).ToHaveTextAsync("front desk");
            await Journeys.UnfoldMenuAsync(page);
            var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Book", Exact = true })).ToHaveCountAsync(1);
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Sessions", Exact = true })).ToHaveCountAsync(0);
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Staff", Exact = true })).ToHaveCountAsync(0);

            // At Cambridge she is a therapist: session notes, no booking.
            await page.Locator("#location-picker").SelectOptionAsync(new SelectOptionValue { Label = "Cambridge" });
            await Assertions.Expect(page.GetByTestId("roles-here")).ToHaveTextAsync("therapist");
            await Journeys.UnfoldMenuAsync(page);
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Sessions", Exact = true })).ToHaveCountAsync(1);
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Book", Exact = true })).ToHaveCountAsync(0);
            await browser.ScreenshotAsync($"staff-4-signed-in-{viewport}");

            // A note she opens by hand for a Cambridge client names her: her account is her therapist profile.
            await page.GetByLabel("Find a client", new() { Exact = true }).FillAsync(family);
            await page.GetByTestId("header-search-results").GetByRole(AriaRole.Link, new() { Name = $"Wilhelmina {family}" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Open a note for a session now" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("note-header")).ToContainTextAsync($"with {given}");
            await Assertions.Expect(page.GetByTestId("note-header")).ToContainTextAsync($"Wilhelmina {family}");
            await browser.ScreenshotAsync($"staff-7-walk-in-note-{viewport}");
            Assert.Empty(browser.Errors);
        }
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task A_new_manager_sets_up_two_factor_sign_in_from_the_page_and_keeps_her_recovery_codes(string viewport)
    {
        await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        var (_, email, password) = await StaffAccountsForTests.InviteAsync(system, admin, "clinic-manager", E2EPractice.BackBay);

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await page.GotoAsync(new Uri(browser.Gateway, "app/").ToString());
        await page.GetByLabel("User name").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-factor sign-in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code of your sign-in key" })).ToBeVisibleAsync();
        var key = (await page.Locator("#key").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal);
        await browser.AssertAccessibleAsync($"two-factor-enrol-{viewport}");
        await browser.ScreenshotAsync($"staff-5-two-factor-enrol-{viewport}");

        // A wrong code is refused on the page; the right one turns it on and shows the recovery codes once.
        await page.GetByLabel("Code from the app").FillAsync("000000" == Totp.Code(key) ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not right");
        await page.GetByLabel("Code from the app").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await browser.AssertAccessibleAsync($"two-factor-codes-{viewport}");
        await browser.ScreenshotAsync($"staff-6-recovery-codes-{viewport}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("roles-here")).ToHaveTextAsync("clinic manager");

        // The one console error is the browser noting the refused code's 400 answer.
        Assert.All(browser.Errors, error => Assert.Contains("status of 400", error, StringComparison.Ordinal));
    }

    /// <summary>A new manager's first sign-in: the password, then two-factor sign-in set up with the key the page shows.</summary>
    private static async Task SignInEnrollingAsync(BrowserSession browser, string email, string password)
    {
        var page = browser.Page;
        await page.GotoAsync(new Uri(browser.Gateway, "app/").ToString());
        await page.GetByLabel("User name").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-factor sign-in" })).ToBeVisibleAsync();
        var key = (await page.Locator("#key").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal);
        await page.GetByLabel("Code from the app").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("roles-here")).ToHaveTextAsync("clinic manager");
    }

    /// <summary>A therapist profile with no account yet, working one morning a week at Cambridge; its id.</summary>
    private static async Task<Guid> TherapistProfileAtCambridgeAsync(HttpClient admin, string name)
    {
        using var registered = await admin.PostAsJsonAsync("api/scheduling/therapists", new { name, services = new[] { "NMT-60" } }, Cancel);
        registered.EnsureSuccessStatusCode();
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        using var hours = await admin.PutAsJsonAsync(
            $"api/scheduling/therapists/{id}/locations/{E2EPractice.Cambridge}/hours",
            new { hours = new[] { new NmtPractice.Testing.Practice.DayHours(DateTime.UtcNow.AddDays(3).DayOfWeek, new TimeOnly(7, 0), new TimeOnly(8, 0)) } }, Cancel);
        hours.EnsureSuccessStatusCode();
        return id;
    }
}
