using System.Net.Http.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// Every page, as each role sees it, at a desk, on a tablet and on a phone: no serious or critical
/// axe-core violation (WCAG 2.2 A and AA), no sideways scrolling, and the header, menu, client
/// search and the not-found and access-denied pages work.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class EveryPageTests(RunningSystem system)
{
    [Fact]
    public async Task Every_page_meets_wcag_aa_in_axe_and_fits_the_screen_at_desk_tablet_and_phone_sizes()
    {
        await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Aurelia", family: Journeys.UniqueFamilyName());
        var pages = new Dictionary<string, string[]>
        {
            ["frontdesk.backbay"] = ["", "calendar", "clients", $"clients/{client}", "book", "waitlist", "clients/new", "no-such-page", "dashboard"],
            ["therapist.backbay"] = ["", "calendar", $"clients/{client}", "sessions"],
            ["manager.backbay"] = ["", "dashboard", $"clients/{client}", "staff", "practice", "messages"],
            ["frontdesk.cambridge"] = [$"clients/{client}"],
            ["ops.admin"] = ["clients", "clients/duplicates", $"clients/{client}", "staff", "practice", "messages"],
        };

        var failures = new List<string>();
        foreach (var (viewport, width, height) in BrowserSession.Viewports)
        {
            foreach (var (user, paths) in pages)
            {
                await using var browser = await BrowserSession.OpenAsync(system, width, height);
                await browser.SignInAsync(user, system.DemoPassword);
                foreach (var path in paths)
                {
                    await browser.Page.GotoAsync(new Uri(browser.Gateway, $"app/{path}").ToString());
                    await SettledAsync(browser.Page);
                    var name = $"page-{user.Replace('.', '-')}-{(path.Length == 0 ? "home" : path.Replace('/', '-'))}-{viewport}";
                    await browser.ScreenshotAsync(name.Replace(client.ToString(), "client", StringComparison.Ordinal));
                    failures.AddRange((await browser.AccessibilityViolationsAsync()).Select(violation => $"{user} /{path} at {viewport}: {violation}"));
                    var overflow = await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                    if (overflow > 0)
                    {
                        // Name what sticks out, so that a failure says where to look.
                        var wide = await browser.Page.EvaluateAsync<string>(
                            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)" +
                            ".slice(-3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')).join(', ')");
                        failures.Add($"{user} /{path} at {viewport}: the page scrolls sideways by {overflow} px ({wide})");
                    }
                }

                // The one expected error: the browser reports the 404 of the page that does not exist.
                failures.AddRange(browser.Errors.Where(error => !error.Contains("/app/no-such-page", StringComparison.Ordinal))
                    .Select(error => $"{user} at {viewport}: browser error {error}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task The_header_finds_a_client_whose_page_books_them_and_unknown_or_forbidden_pages_explain_themselves()
    {
        await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Benedikt", family: family);

        await using var browser = await BrowserSession.OpenAsync(system, 390, 844);
        var page = browser.Page;
        await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);

        // On a phone the menu is folded away until asked for, and folds again once a page is picked.
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToHaveAttributeAsync("aria-expanded", "true");
        await menu.GetByRole(AriaRole.Link, new() { Name = "Waitlist" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waitlist", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToBeHiddenAsync();

        // The header's search opens the client's page, which books them with the client already chosen.
        await page.GetByLabel("Find a client", new() { Exact = true }).FillAsync(family);
        await page.GetByTestId("header-search-results").GetByRole(AriaRole.Link, new() { Name = $"Benedikt {family}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-name")).ToHaveTextAsync($"Benedikt {family}");
        Assert.EndsWith($"clients/{client}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("client-intake")).ToContainTextAsync("Version 1");
        await Assertions.Expect(page.GetByTestId("client-screening")).ToContainTextAsync("Screening: cleared");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book an appointment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chosen-client")).ToContainTextAsync($"Benedikt {family}");

        // A mistyped address and a page of another role answer in words, inside the application.
        var missing = await page.GotoAsync(new Uri(browser.Gateway, "app/no-such-page").ToString());
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This page does not exist" })).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(browser.Gateway, "app/dashboard").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This page is not available to you" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("front desk");
        var errors = browser.Errors.Where(error => !error.Contains("/app/no-such-page", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task Each_role_lands_on_a_home_page_for_its_work()
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Ignatius", family: Journeys.UniqueFamilyName());
        var later = await practice.FreeStartTodayAsync(E2EPractice.BackBay, desk, TimeSpan.FromMinutes(30));
        await practice.BookAtAsync(E2EPractice.BackBay, later, desk, client);
        var colleagues = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Isadora", family: Journeys.UniqueFamilyName());
        var second = practice.SecondTherapistAtBackBay;
        var withColleague = await practice.FreeStartTodayAsync(E2EPractice.BackBay, desk, TimeSpan.FromMinutes(30), second, "NMT-30");
        await practice.BookAtAsync(E2EPractice.BackBay, withColleague, desk, colleagues, second, "NMT-30");

        // The front desk sees today's arrivals and the waitlist's offers.
        await using (var front = await BrowserSession.OpenAsync(system))
        {
            await front.SignInAsync("frontdesk.backbay", system.DemoPassword);
            await Assertions.Expect(front.Page.GetByTestId("home-arrivals")).ToContainTextAsync($"{later:HH:mm} Ignatius");
            await Assertions.Expect(front.Page.GetByTestId("home-offers")).ToBeVisibleAsync();
        }

        // The therapist sees their own sessions of today (their user is linked to their profile), not a colleague's.
        await using (var therapist = await BrowserSession.OpenAsync(system))
        {
            await therapist.SignInAsync("therapist.backbay", system.DemoPassword);
            await Assertions.Expect(therapist.Page.GetByTestId("home-sessions")).ToContainTextAsync("My sessions today");
            await Assertions.Expect(therapist.Page.GetByTestId("home-sessions")).ToContainTextAsync("Ignatius");
            await Assertions.Expect(therapist.Page.GetByTestId("home-sessions")).Not.ToContainTextAsync("Isadora");
            await Assertions.Expect(therapist.Page.GetByTestId("home-arrivals")).ToHaveCountAsync(0);
        }

        // The manager sees the headline figures of the last four weeks.
        await using var manager = await BrowserSession.OpenAsync(system);
        await manager.SignInAsync("manager.backbay", system.DemoPassword);
        var figures = manager.Page.GetByTestId("home-figures");
        await Assertions.Expect(figures).ToContainTextAsync("Signed sessions");
        await Assertions.Expect(figures).ToContainTextAsync("Utilisation");
    }

    [Fact]
    public async Task A_manager_records_a_physicians_clearance_on_the_client_page_and_the_screening_is_decided_again()
    {
        await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay,
            answersInstead: new Dictionary<string, object> { ["anticoagulants"] = true }, given: "Cornelius", family: Journeys.UniqueFamilyName());

        await using var browser = await BrowserSession.OpenAsync(system, 768, 1024);
        var page = browser.Page;
        await browser.SignInAsync("manager.backbay", system.DemoPassword);
        await page.GotoAsync(new Uri(browser.Gateway, $"app/clients/{client}").ToString());
        await Assertions.Expect(page.GetByTestId("client-screening")).ToContainTextAsync("physician clearance required");

        var clearances = page.GetByTestId("client-clearances");
        await clearances.GetByLabel("Physician").FillAsync("Dr. Amelia Stone");
        await clearances.GetByLabel("Cleared on").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await clearances.GetByLabel("Valid until").FillAsync(DateTime.UtcNow.AddMonths(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var finding in await clearances.GetByRole(AriaRole.Group, new() { Name = "What the physician cleared" }).GetByRole(AriaRole.Checkbox).AllAsync())
        {
            await finding.CheckAsync();
        }

        await browser.AssertAccessibleAsync("client-clearance");
        await clearances.GetByRole(AriaRole.Button, new() { Name = "Record the clearance" }).ClickAsync();
        await Assertions.Expect(clearances).ToContainTextAsync("Dr. Amelia Stone");
        await Assertions.Expect(page.GetByTestId("client-screening")).Not.ToContainTextAsync("physician clearance required");
        await browser.ScreenshotAsync("client-1-clearance-recorded");

        using var manager = await system.ClientForAsync("manager.backbay");
        var screening = await manager.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/intake/clients/{client}/screening", TestContext.Current.CancellationToken);
        Assert.NotEqual("PhysicianClearanceRequired", screening.GetProperty("outcome").GetString());
        Assert.Equal("Dr. Amelia Stone", Assert.Single(screening.GetProperty("clearances").EnumerateArray()).GetProperty("physicianName").GetString());
    }

    /// <summary>The page has its heading and nothing is still loading.</summary>
    [Fact]
    public async Task The_staff_practice_and_messages_pages_are_worked_by_keyboard_every_control_reached_by_tab_with_a_visible_focus_ring()
    {
        await E2EPractice.OfAsync(system);
        var failures = new List<string>();
        foreach (var (viewport, width, height) in BrowserSession.Viewports)
        {
            await using var browser = await BrowserSession.OpenAsync(system, width, height);
            await browser.SignInAsync("manager.backbay", system.DemoPassword);
            foreach (var path in new[] { "staff", "practice", "messages" })
            {
                var page = browser.Page;
                await page.GotoAsync(new Uri(browser.Gateway, $"app/{path}").ToString());
                await SettledAsync(page);
                await Assertions.Expect(page.Locator("main button").First).ToBeVisibleAsync();

                // Number every control of the page a user can reach, then Tab from the top until each has had focus.
                var controls = await page.EvaluateAsync<int>(
                    "() => { const all = [...document.querySelectorAll('main a[href], main button:not([disabled]), main input:not([disabled]), main select:not([disabled]), main textarea:not([disabled])')]" +
                    ".filter(e => e.offsetParent !== null); all.forEach((e, i) => e.dataset.kb = i); return all.length; }");
                var reached = new HashSet<int>();
                for (var press = 0; press < 300 && reached.Count < controls; press++)
                {
                    await page.Keyboard.PressAsync("Tab");
                    var focused = await page.EvaluateAsync<string[]>(
                        "() => { const e = document.activeElement; const s = getComputedStyle(e);" +
                        " const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';" +
                        " return [e.dataset.kb ?? '', ring ? 'ring' : '', e.outerHTML.slice(0, 90)]; }");
                    if (int.TryParse(focused[0], out var index) && reached.Add(index) && focused[1].Length == 0)
                    {
                        failures.Add($"/{path} at {viewport}: no visible focus ring on {focused[2]}");
                    }
                }

                if (reached.Count < controls)
                {
                    var missed = await page.EvaluateAsync<string>(
                        "(seen) => [...document.querySelectorAll('[data-kb]')].filter(e => !seen.includes(Number(e.dataset.kb))).slice(0, 3).map(e => e.outerHTML.slice(0, 90)).join(' | ')",
                        reached.ToArray());
                    failures.Add($"/{path} at {viewport}: {controls - reached.Count} of {controls} controls never had focus by Tab ({missed})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task SettledAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);
    }
}
