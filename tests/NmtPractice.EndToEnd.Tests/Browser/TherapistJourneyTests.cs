using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>A therapist in a real browser records a whole session note, marks the body chart and signs.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class TherapistJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The intake answers of the journey's client: pain in the right upper trapezius, rated 6.</summary>
    private static readonly Dictionary<string, object> PainAtIntake = new()
    {
        ["pain_regions"] = new[] { "upper-trapezius-right" },
        ["pain_intensity"] = 6,
    };

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task A_therapist_records_pain_a_trigger_point_on_the_body_chart_and_a_technique_and_signs(string viewport)
    {
        // A given name of its own at each size (the sessions list shows given names and initials).
        var given = new[] { "Wren", "Wynne", "Willa" }[Journeys.Index(viewport)];
        var (client, appointment, _) = await CheckedInClientAsync(given, PainAtIntake);
        using var therapistApi = await system.ClientForAsync("therapist.backbay");

        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("therapist.backbay", system.DemoPassword);
        await Journeys.GoToAsync(page, "Sessions");
        // The therapist's own sessions of the day first (their user is linked to the profile), every
        // therapist's or a colleague's a pick away, with the client's earlier sessions a click away; other days by the arrows.
        var sessionRow = page.GetByTestId("session-row").Filter(new() { HasText = given });
        var therapistPicker = page.GetByLabel("Therapist", new() { Exact = true });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My sessions today");
        await Assertions.Expect(therapistPicker).ToHaveValueAsync((await E2EPractice.OfAsync(system)).Therapists[E2EPractice.BackBay].ToString());
        await Assertions.Expect(sessionRow).ToHaveCountAsync(1);
        var therapistColumn = page.GetByRole(AriaRole.Columnheader, new() { Name = "Therapist", Exact = true });
        await Assertions.Expect(therapistColumn).ToHaveCountAsync(0);
        await therapistPicker.SelectOptionAsync(new SelectOptionValue { Label = "Every therapist" });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Today's sessions");
        await Assertions.Expect(therapistColumn).ToHaveCountAsync(1);
        await Assertions.Expect(sessionRow).ToContainTextAsync("Therapist at Back Bay");
        await therapistPicker.SelectOptionAsync(new SelectOptionValue { Label = "Therapist at Back Bay (me)" });
        await Assertions.Expect(sessionRow).ToHaveCountAsync(1);
        await Assertions.Expect(sessionRow.GetByRole(AriaRole.Link, new() { Name = "Earlier sessions" })).ToHaveAttributeAsync("href", $"clients/{client}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next day" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("My sessions on");
        await Assertions.Expect(sessionRow).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Today" }).ClickAsync();
        await sessionRow.GetByRole(AriaRole.Link, new() { Name = "Session note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("screening")).ToContainTextAsync("Screening: cleared");

        // The header says whose session it is; the empty note starts from what the client said at intake.
        await Assertions.Expect(page.GetByTestId("note-header")).ToContainTextAsync(given);
        await Assertions.Expect(page.GetByTestId("note-header")).ToContainTextAsync("with Therapist at Back Bay");
        await Assertions.Expect(page.GetByTestId("carried-over")).ToContainTextAsync("intake");
        await Assertions.Expect(page.GetByTestId("pain-regions")).ToContainTextAsync("upper trapezius");
        await Assertions.Expect(PainOption(page, "Pain before", 6)).ToBeCheckedAsync();
        await browser.AssertAccessibleAsync($"session-note-{viewport}");

        // Subjective: the complaint and today's rating; the section saves itself.
        await page.GetByLabel("Chief complaint").FillAsync("Right-sided neck pain at the desk");
        await PainOption(page, "Pain before", 7).CheckAsync();
        await Assertions.Expect(page.GetByTestId("save-state-subjective")).ToContainTextAsync("Saved at");

        // Objective: a trigger point picked on the chart.
        await page.GetByLabel("Trigger point", new() { Exact = true }).CheckAsync();
        await page.Locator("[data-region='upper-trapezius-right']").ClickAsync();
        await page.GetByLabel("Muscle", new() { Exact = true }).First.SelectOptionAsync("upper-trapezius");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add trigger point" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-state-objective")).ToContainTextAsync("Saved at");

        // Treatment: a hold outside the technique's limits is refused as it is typed, before it reaches the list.
        await page.GetByLabel("Technique").SelectOptionAsync("alternating-ischemic-compression");
        await page.Locator("#t-region").SelectOptionAsync("upper-trapezius-right");
        await page.Locator("#t-muscle").SelectOptionAsync("upper-trapezius");
        await page.Locator("#t-cycles").FillAsync("4");
        await page.Locator("#t-holdSeconds").FillAsync("900");
        await Assertions.Expect(page.GetByTestId("t-holdSeconds-error")).ToContainTextAsync("900 is outside");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add technique" })).ToBeDisabledAsync();
        await page.Locator("#t-holdSeconds").FillAsync("10");
        await page.GetByLabel("Pressure").SelectOptionAsync("firm");
        await page.GetByLabel("Discomfort").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add technique" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("1 safety flag");

        // Assessment: pain after and home care advice, then straight to signing without waiting for any save.
        await PainOption(page, "Pain after", 3).CheckAsync();
        const string homeCare = "Heat for ten minutes, then the doorway stretch twice a day";
        await page.GetByLabel("Home care advice").FillAsync(homeCare);
        await page.GetByRole(AriaRole.Button, new() { Name = "Review and sign" }).ClickAsync();
        var dialog = page.GetByTestId("sign-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("sign-summary-home-care")).ToHaveTextAsync(homeCare);
        await browser.ScreenshotAsync($"therapist-1-review-before-signing-{viewport}");
        await browser.AssertAccessibleAsync($"sign-dialog-{viewport}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign the note" }).ClickAsync();
        // Who signed is named from the therapist profile the user is linked to.
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("Signed by Therapist at Back Bay (you)");
        await browser.ScreenshotAsync($"therapist-2-signed-note-{viewport}");

        // After a reload the signed note holds every word typed, the home care advice included.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("Signed by");
        await Assertions.Expect(page.GetByLabel("Home care advice")).ToHaveValueAsync(homeCare);

        var note = await therapistApi.GetFromJsonAsync<JsonElement>($"api/treatments/sessions/{appointment}", Cancel);
        Assert.Equal(client, note.GetProperty("clientId").GetGuid());
        Assert.Equal(("signed", 7, 3, 1, homeCare), (note.GetProperty("status").GetString(), note.GetProperty("subjective").GetProperty("painBefore").GetInt32(),
            note.GetProperty("assessment").GetProperty("painAfter").GetInt32(), note.GetProperty("safetyFlags").GetInt32(),
            note.GetProperty("assessment").GetProperty("homeCare").GetString()));
        Assert.Equal(["upper-trapezius-right"], note.GetProperty("subjective").GetProperty("painRegions").EnumerateArray().Select(region => region.GetString()));
        var point = Assert.Single(note.GetProperty("objective").GetProperty("triggerPoints").EnumerateArray());
        Assert.Equal(("upper-trapezius", "upper-trapezius-right", "right"), (point.GetProperty("muscle").GetString(), point.GetProperty("region").GetString(), point.GetProperty("side").GetString()));
        var technique = Assert.Single(note.GetProperty("treatment").GetProperty("techniques").EnumerateArray());
        Assert.Equal((4, 10, true), (technique.GetProperty("cycles").GetInt32(), technique.GetProperty("holdSeconds").GetInt32(), technique.GetProperty("safetyFlag").GetBoolean()));

        // A signed note is only amended: the therapist corrects the pain before, with a reason; the original stays readable.
        var signedVersion = note.GetProperty("version").GetInt64();
        await page.GetByRole(AriaRole.Button, new() { Name = "Amend subjective" }).ClickAsync();
        await PainOption(page, "Pain before", 6).CheckAsync();
        await page.GetByLabel("Why is it amended?").FillAsync("Client re-rated the pain on reflection");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save amendment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("amended 1 time(s)");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("Client re-rated the pain on reflection");
        await Assertions.Expect(page.GetByTestId("amendment-diff")).ToHaveTextAsync("Pain before: was 7 → now 6");
        await browser.ScreenshotAsync($"therapist-3-amended-{viewport}");
        var amended = await therapistApi.GetFromJsonAsync<JsonElement>($"api/treatments/sessions/{appointment}", Cancel);
        var original = await therapistApi.GetFromJsonAsync<JsonElement>($"api/treatments/sessions/{appointment}?version={signedVersion}", Cancel);
        Assert.Equal((6, 7), (amended.GetProperty("subjective").GetProperty("painBefore").GetInt32(), original.GetProperty("subjective").GetProperty("painBefore").GetInt32()));
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));

        // The clinic manager's dashboard reflects the signed session (it travels over RabbitMQ to outcome reporting).
        await using var manager = await Journeys.OpenAsync(system, viewport);
        await manager.SignInAsync("manager.backbay", system.DemoPassword);
        await Journeys.GoToAsync(manager.Page, "Dashboard");
        var row = manager.Page.GetByTestId("clinical-row").Filter(new() { HasText = "Alternating ischemic compression" });
        await Eventually.UntilAsync("the signed session on the dashboard", async () =>
        {
            if (await row.CountAsync() == 1)
            {
                return true;
            }

            await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            return false;
        });
        // Sessions (second cell) and safety flags (last cell) at least one each; the assertions wait for the table to settle.
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        await Assertions.Expect(row.Locator("td").Nth(7)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]* safety flags of"));
        await manager.ScreenshotAsync($"manager-1-dashboard-{viewport}");

        // The safety flag leads to the note behind it.
        await row.Locator("td").Nth(7).GetByRole(AriaRole.Button).ClickAsync();
        var flagged = manager.Page.GetByTestId("flags-dialog");
        await Assertions.Expect(flagged.GetByRole(AriaRole.Link, new() { Name = "open the note" }).And(manager.Page.Locator($"[href='sessions/{appointment}']"))).ToHaveCountAsync(1);
        await flagged.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // Trends by month are there, as charts and as a table.
        await Assertions.Expect(manager.Page.GetByTestId("trends-table")).ToContainTextAsync(DateTime.UtcNow.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));

        // Reversed dates are refused in words, and nothing is left loading.
        await manager.Page.GetByLabel("From").FillAsync("2030-02-01");
        await manager.Page.GetByLabel("To", new() { Exact = true }).FillAsync("2030-01-01");
        await manager.Page.GetByLabel("To", new() { Exact = true }).BlurAsync();
        await Assertions.Expect(manager.Page.GetByText("'From' must be on or before 'To'.")).ToBeVisibleAsync();
        await Assertions.Expect(manager.Page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);
        await manager.Page.GetByLabel("From").FillAsync(DateTime.UtcNow.AddDays(-27).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await manager.Page.GetByLabel("To", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await manager.Page.GetByLabel("To", new() { Exact = true }).BlurAsync();
        await Assertions.Expect(row).ToHaveCountAsync(1);

        // Filtered to the session's therapist (it was opened at check-in, so it names them), it is still there.
        await manager.Page.GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Therapist at Back Bay" });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        // The link is rendered from the filters once the page has taken them in: wait for it to carry
        // the last ones, or a quick click downloads what the page showed before (seen at tablet size).
        var csvLink = manager.Page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).First;
        await Assertions.Expect(csvLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(
            $"to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}.*therapistId=", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));
        var download = await manager.Page.RunAndWaitForDownloadAsync(() => csvLink.ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Cancel);
        Assert.StartsWith("key,name,suppressed,clients,sessions", csv, StringComparison.Ordinal);
        Assert.Contains("alternating-ischemic-compression,Alternating ischemic compression,false,", csv, StringComparison.Ordinal);
        Assert.True(manager.Errors.Count == 0, string.Join(Environment.NewLine, manager.Errors));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task Text_that_could_not_be_saved_holds_the_therapist_on_the_note_and_a_reload_asks_first(string viewport)
    {
        var (_, appointment, _) = await CheckedInClientAsync("Linnea", second: true);
        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("therapist.backbay", system.DemoPassword);
        await page.GotoAsync(new Uri(browser.Gateway, $"app/sessions/{appointment}").ToString());
        await Assertions.Expect(page.GetByTestId("note-header")).ToContainTextAsync("Linnea");

        // Goals typed before the complaint and the rating: the service refuses the section, the page says why and keeps the text.
        const string goals = "Carry the shopping without neck pain";
        await page.GetByLabel("Goals (one per line)").PressSequentiallyAsync(goals);
        await Assertions.Expect(page.GetByTestId("save-state-subjective")).ToHaveTextAsync("Not saved");
        await Assertions.Expect(page.GetByTestId("save-problem-subjective")).ToContainTextAsync("Chief complaint");

        // Leaving inside the application is stopped, with the reason.
        await Journeys.GoToAsync(page, "Sessions");
        await Assertions.Expect(page.GetByTestId("note-problem")).ToContainTextAsync("Not all of this note is saved");
        Assert.EndsWith($"sessions/{appointment}", page.Url, StringComparison.Ordinal);

        // A reload asks before the page goes (the browser's own "leave site?" prompt); declining keeps the text.
        var prompts = new List<string>();
        page.Dialog += async (_, prompt) =>
        {
            lock (prompts)
            {
                prompts.Add(prompt.Type);
            }

            await prompt.DismissAsync();
        };
        await page.EvaluateAsync("() => setTimeout(() => location.reload(), 0)");
        await Eventually.UntilAsync("the browser to ask before reloading", () =>
        {
            lock (prompts)
            {
                return Task.FromResult(prompts.Contains("beforeunload"));
            }
        });
        await Assertions.Expect(page.GetByLabel("Goals (one per line)")).ToHaveValueAsync(goals);
        await browser.ScreenshotAsync($"therapist-4-not-saved-{viewport}");

        // With the complaint and the rating the section saves, and then the therapist may leave.
        await page.GetByLabel("Chief complaint").FillAsync("Stiff neck in the mornings");
        await PainOption(page, "Pain before", 5).CheckAsync();
        await Assertions.Expect(page.GetByTestId("save-state-subjective")).ToContainTextAsync("Saved at");
        await Journeys.GoToAsync(page, "Sessions");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My sessions today" })).ToBeVisibleAsync();

        using var therapistApi = await system.ClientForAsync("therapist.backbay");
        var note = await therapistApi.GetFromJsonAsync<JsonElement>($"api/treatments/sessions/{appointment}", Cancel);
        Assert.Equal(goals, Assert.Single(note.GetProperty("subjective").GetProperty("goals").EnumerateArray()).GetString());
        Assert.Equal(5, note.GetProperty("subjective").GetProperty("painBefore").GetInt32());
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("tablet")]
    [InlineData("phone")]
    public async Task A_note_changed_in_another_window_meanwhile_is_never_overwritten_without_the_therapist_choosing_to(string viewport)
    {
        var (_, appointment, _) = await CheckedInClientAsync("Marisol", second: true);
        using var therapistApi = await system.ClientForAsync("therapist.backbay");
        await using var browser = await Journeys.OpenAsync(system, viewport);
        var page = browser.Page;
        await browser.SignInAsync("therapist.backbay", system.DemoPassword);
        await page.GotoAsync(new Uri(browser.Gateway, $"app/sessions/{appointment}").ToString());
        await page.GetByLabel("Chief complaint").FillAsync("Jaw pain on waking");
        await PainOption(page, "Pain before", 4).CheckAsync();
        await Assertions.Expect(page.GetByTestId("save-state-subjective")).ToContainTextAsync("Saved at");

        // Another window writes the assessment meanwhile.
        const string theirs = "Written in the other window: masseter hypertonic";
        using (var read = await therapistApi.GetAsync($"api/treatments/sessions/{appointment}", Cancel))
        {
            var etag = read.Headers.ETag!.Tag;
            using var write = new HttpRequestMessage(HttpMethod.Put, $"api/treatments/sessions/{appointment}/assessment")
            {
                Content = JsonContent.Create(new { assessment = theirs, plan = (string?)null, painAfter = 2, homeCare = (string?)null }),
            };
            write.Headers.TryAddWithoutValidation("If-Match", etag);
            using var written = await therapistApi.SendAsync(write, Cancel);
            Assert.True(written.IsSuccessStatusCode, await written.Content.ReadAsStringAsync(Cancel));
        }

        // This window's next change is refused (412): the page says so and the other window's text is intact.
        const string goals = "Eat an apple without pain";
        await page.GetByLabel("Goals (one per line)").FillAsync(goals);
        var conflict = page.GetByTestId("note-conflict");
        await Assertions.Expect(conflict).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"therapist-6-changed-elsewhere-{viewport}");
        var meanwhile = await therapistApi.GetFromJsonAsync<JsonElement>($"api/treatments/sessions/{appointment}", Cancel);
        Assert.Equal((0, theirs), (meanwhile.GetProperty("subjective").GetProperty("goals").GetArrayLength(), meanwhile.GetProperty("assessment").GetProperty("assessment").GetString()));

        // Keeping what is on this screen writes the section changed here over the other version, and shows the other window's assessment.
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Save what is on this screen over it" }).ClickAsync();
        await Assertions.Expect(conflict).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("save-state-subjective")).ToContainTextAsync("Saved at");
        await Assertions.Expect(page.GetByLabel("Assessment", new() { Exact = true })).ToHaveValueAsync(theirs);
        var after = await therapistApi.GetFromJsonAsync<JsonElement>($"api/treatments/sessions/{appointment}", Cancel);
        Assert.Equal(goals, Assert.Single(after.GetProperty("subjective").GetProperty("goals").EnumerateArray()).GetString());
        Assert.Equal(theirs, after.GetProperty("assessment").GetProperty("assessment").GetString());
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
    }

    [Fact]
    public async Task On_a_tablet_every_body_region_is_a_large_target_the_chart_stays_in_view_and_active_and_latent_points_differ_in_shape()
    {
        var (_, appointment, _) = await CheckedInClientAsync("Saoirse", PainAtIntake, second: true);
        await using var browser = await BrowserSession.OpenAsync(system, 768, 1024);
        var page = browser.Page;
        await browser.SignInAsync("therapist.backbay", system.DemoPassword);
        await page.GotoAsync(new Uri(browser.Gateway, $"app/sessions/{appointment}").ToString());
        var chart = page.GetByTestId("body-chart");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-side", "back");

        // Every region of both figures is at least 24 by 24 CSS pixels.
        var small = new List<string>();
        var measured = 0;
        foreach (var side in new[] { "Front", "Back" })
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Side of the body shown" }).GetByRole(AriaRole.Button, new() { Name = side }).ClickAsync();
            await Assertions.Expect(chart).ToHaveAttributeAsync("data-side", side.ToLowerInvariant());
            foreach (var region in await chart.Locator("[data-region]").AllAsync())
            {
                var box = await region.BoundingBoxAsync();
                measured++;
                if (box is null || box.Width < 24 || box.Height < 24)
                {
                    small.Add($"{await region.GetAttributeAsync("data-region")} {box?.Width:0.#}x{box?.Height:0.#}");
                }
            }
        }

        Assert.True(small.Count == 0, "Regions under 24x24 px: " + string.Join(", ", small));
        Assert.Equal(60, measured);

        // An active and a latent trigger point on the same region: two marks of different shapes, and the pain colour stays.
        await page.GetByRole(AriaRole.Group, new() { Name = "Side of the body shown" }).GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await page.GetByLabel("Trigger point", new() { Exact = true }).CheckAsync();
        await page.Locator("[data-region='upper-trapezius-right']").ClickAsync();
        foreach (var kind in new[] { "active", "latent" })
        {
            await page.Locator("#tp-muscle").SelectOptionAsync("upper-trapezius");
            await page.Locator("#tp-kind").SelectOptionAsync(kind);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add trigger point" }).ClickAsync();
        }

        await Assertions.Expect(chart.GetByTestId("tp-mark-active")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.GetByTestId("tp-mark-latent")).ToHaveCountAsync(1);
        Assert.Equal(("circle", "path"), (await chart.GetByTestId("tp-mark-active").EvaluateAsync<string>("e => e.tagName"), await chart.GetByTestId("tp-mark-latent").EvaluateAsync<string>("e => e.tagName")));
        await Assertions.Expect(page.Locator("[data-region='upper-trapezius-right']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));

        // Further down the note (recording the treatment) the chart is still on screen.
        await page.Locator("#t-region").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(chart).ToBeInViewportAsync();
        await browser.ScreenshotAsync("therapist-5-tablet-chart");
        await browser.AssertAccessibleAsync("session-note-tablet");
    }

    /// <summary>One of the eleven buttons of a 0-10 pain scale.</summary>
    private static ILocator PainOption(IPage page, string scale, int rating) =>
        page.GetByRole(AriaRole.Group, new() { Name = $"{scale} (0–10)" }).GetByLabel(rating.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Exact = true });

    /// <summary>
    /// A new client of Back Bay booked at the therapist's next free time today and checked in, once their
    /// note is open: 60 minutes with the first therapist, or 30 with the second (today has room for a
    /// limited number of sessions per therapist).
    /// </summary>
    private async Task<(Guid Client, Guid Appointment, string Family)> CheckedInClientAsync(string given, IReadOnlyDictionary<string, object>? answers = null, bool second = false)
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        using var therapistApi = await system.ClientForAsync("therapist.backbay");
        var family = Journeys.UniqueFamilyName();
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, answersInstead: answers, given: given, family: family);
        var (therapist, service) = second ? (practice.SecondTherapistAtBackBay, "NMT-30") : (practice.Therapists[E2EPractice.BackBay], "NMT-60");
        var start = await practice.FreeStartTodayAsync(E2EPractice.BackBay, desk, TimeSpan.FromMinutes(30), therapist, service);
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, start, desk, client, therapist, service);
        (await desk.PostAsJsonAsync($"api/scheduling/appointments/{appointment}/check-in", new { }, Cancel)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync("the note to open at check-in", async () =>
        {
            using var response = await therapistApi.GetAsync($"api/treatments/sessions/{appointment}", Cancel);
            return response.IsSuccessStatusCode;
        });
        return (client, appointment, family);
    }
}
