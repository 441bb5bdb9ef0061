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

    [Fact]
    public async Task A_therapist_records_pain_a_trigger_point_on_the_body_chart_and_a_technique_and_signs()
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        using var therapistApi = await system.ClientForAsync("therapist.backbay");
        var family = "Q" + string.Concat(Guid.NewGuid().ToString("N").Take(8).Select(c => (char)('a' + (c % 26))));
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, E2EPractice.BackBay, given: "Wren", family: family);
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, E2EPractice.Zone);
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset).AddHours(3);
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, start, desk, client);
        (await desk.PostAsJsonAsync($"api/scheduling/appointments/{appointment}/check-in", new { }, Cancel)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync("the note to open at check-in", async () =>
        {
            using var response = await therapistApi.GetAsync($"api/treatments/sessions/{appointment}", Cancel);
            return response.IsSuccessStatusCode;
        });

        await using var browser = await BrowserSession.OpenAsync(system);
        var page = browser.Page;
        await browser.SignInAsync("therapist.backbay", system.DemoPassword);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sessions" }).ClickAsync();
        await page.GetByTestId("session-row").Filter(new() { HasText = "Wren" })
            .GetByRole(AriaRole.Link, new() { Name = "Session note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("screening")).ToContainTextAsync("Screening: cleared");

        // Subjective: complaint, pain 7 and the painful region marked on the chart.
        await page.GetByLabel("Chief complaint").FillAsync("Right-sided neck pain at the desk");
        await page.GetByLabel("Pain before").FillAsync("7");
        await page.Locator("[data-region='upper-trapezius-right']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pain-regions")).ToContainTextAsync("upper trapezius");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save subjective" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("version 2");

        // Objective: a trigger point picked on the chart.
        await page.GetByLabel("Trigger point", new() { Exact = true }).CheckAsync();
        await page.Locator("[data-region='upper-trapezius-right']").ClickAsync();
        await page.GetByLabel("Muscle", new() { Exact = true }).First.SelectOptionAsync("upper-trapezius");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add trigger point" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save objective" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("version 3");

        // Treatment: alternating ischemic compression, discomfort 8 (above the threshold of 7).
        await page.GetByLabel("Technique").SelectOptionAsync("alternating-ischemic-compression");
        await page.Locator("#t-muscle").SelectOptionAsync("upper-trapezius");
        await page.Locator("#t-cycles").FillAsync("4");
        await page.Locator("#t-holdSeconds").FillAsync("10");
        await page.GetByLabel("Pressure").SelectOptionAsync("firm");
        await page.GetByLabel("Discomfort").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add technique" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save treatment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("1 safety flag");

        await page.GetByLabel("Pain after").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("version 5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("Signed by");
        await browser.ScreenshotAsync("therapist-1-signed-note");

        var note = await therapistApi.GetFromJsonAsync<JsonElement>($"api/treatments/sessions/{appointment}", Cancel);
        Assert.Equal(client, note.GetProperty("clientId").GetGuid());
        Assert.Equal(("signed", 7, 3, 1), (note.GetProperty("status").GetString(), note.GetProperty("subjective").GetProperty("painBefore").GetInt32(),
            note.GetProperty("assessment").GetProperty("painAfter").GetInt32(), note.GetProperty("safetyFlags").GetInt32()));
        var point = Assert.Single(note.GetProperty("objective").GetProperty("triggerPoints").EnumerateArray());
        Assert.Equal(("upper-trapezius", "upper-trapezius-right", "right"), (point.GetProperty("muscle").GetString(), point.GetProperty("region").GetString(), point.GetProperty("side").GetString()));
        var technique = Assert.Single(note.GetProperty("treatment").GetProperty("techniques").EnumerateArray());
        Assert.Equal((4, 10, true), (technique.GetProperty("cycles").GetInt32(), technique.GetProperty("holdSeconds").GetInt32(), technique.GetProperty("safetyFlag").GetBoolean()));

        // A signed note is only amended: the therapist corrects the pain before, with a reason; the original stays readable.
        await page.GetByRole(AriaRole.Button, new() { Name = "Amend subjective" }).ClickAsync();
        await page.GetByLabel("Pain before").FillAsync("6");
        await page.GetByLabel("Why is it amended?").FillAsync("Client re-rated the pain on reflection");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save amendment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-status")).ToContainTextAsync("amended 1 time(s)");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("Client re-rated the pain on reflection");
        await browser.ScreenshotAsync("therapist-2-amended");
        var amended = await therapistApi.GetFromJsonAsync<JsonElement>($"api/treatments/sessions/{appointment}", Cancel);
        var original = await therapistApi.GetFromJsonAsync<JsonElement>($"api/treatments/sessions/{appointment}?version=6", Cancel);
        Assert.Equal((6, 7), (amended.GetProperty("subjective").GetProperty("painBefore").GetInt32(), original.GetProperty("subjective").GetProperty("painBefore").GetInt32()));
        Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));

        // The clinic manager's dashboard reflects the signed session (it travels over RabbitMQ to outcome reporting).
        await using var manager = await BrowserSession.OpenAsync(system);
        await manager.SignInAsync("manager.backbay", system.DemoPassword);
        await manager.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
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
        await Assertions.Expect(row.Locator("td").Nth(7)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        await manager.ScreenshotAsync("manager-1-dashboard");

        // Filtered to the session's therapist (it was opened at check-in, so it names them), it is still there.
        await manager.Page.GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Therapist at Back Bay" });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        var download = await manager.Page.RunAndWaitForDownloadAsync(() =>
            manager.Page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).First.ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Cancel);
        Assert.StartsWith("key,suppressed,clients,sessions", csv, StringComparison.Ordinal);
        Assert.Contains("alternating-ischemic-compression,false,", csv, StringComparison.Ordinal);
        Assert.True(manager.Errors.Count == 0, string.Join(Environment.NewLine, manager.Errors));
    }
}
