using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NmtPractice.Contracts.Security;
using NmtPractice.Testing;
using Published = NmtPractice.Contracts.Intake;

namespace NmtPractice.Intake.Tests;

/// <summary>Intake with a clock the test moves: expiry of clearances and intakes.</summary>
public sealed class LapsingIntakeFixture : ServiceFixture<Program>
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override string Purpose => "intakelapse";

    protected override Type[] RecordedMessageTypes => [typeof(Published.ScreeningCompleted), typeof(Published.IntakeExpired)];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Intake:ExpiryCheckInterval"] = "00:01:00",
        ["Intake:ValidityMonths"] = "12",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>An expired clearance reverts the screening; an expired intake is published for renewal.</summary>
public sealed class LapseTests(LapsingIntakeFixture fixture) : IClassFixture<LapsingIntakeFixture>
{
    [Fact]
    public async Task An_expired_clearance_reverts_the_screening_and_an_expired_intake_is_published()
    {
        var location = Guid.CreateVersion7();
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, location);
        var id = await desk.RegisterAsync(location);
        (await desk.AnswerAsync(id, IntakeAnswers.Healthy(("cancer_treatment", true)))).EnsureSuccessStatusCode();
        (await desk.ConsentAsync(id)).EnsureSuccessStatusCode();
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        using var cleared = await therapist.ClearAsync(id, today, today.AddDays(30));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        await fixture.Bus.WaitForAsync<Published.ScreeningCompleted>(m => m.ClientId == id && m.Status == "ClearedWithPrecautions");

        fixture.Clock.Advance(TimeSpan.FromDays(32));

        var screenings = await Eventually.ValueAsync(
            "the screening to be published again once the clearance lapsed",
            // The test bus may receive them in any order; the decisions' own times order them.
            () => Task.FromResult(fixture.Bus.Received.Select(r => r.Message).OfType<Published.ScreeningCompleted>().Where(s => s.ClientId == id).OrderBy(s => s.OccurredAt).ToList()),
            published => published.Count == 3);
        Assert.Equal(["PhysicianClearanceRequired", "ClearedWithPrecautions", "PhysicianClearanceRequired"], screenings.Select(s => s.Status));
        Assert.Null(screenings[2].ClearanceValidUntil);

        fixture.Clock.Advance(TimeSpan.FromDays(366));

        var expired = (Published.IntakeExpired)(await fixture.Bus.WaitForAsync<Published.IntakeExpired>(m => m.ClientId == id)).Message;
        Assert.Equal(1, expired.IntakeVersion);
        Assert.Equal(location, expired.LocationId);

        // The desk sees it when looking the client up.
        var match = (await desk.ReadAsync<IReadOnlyList<ClientMatchView>>($"/api/intake/clients?locationId={location}&name=Reyes")).Single(found => found.Id == id);
        Assert.True(match.IntakeExpired);
    }
}

/// <summary>Intake with a clock the test moves, for dating by the clinic's day.</summary>
public sealed class LocalDayIntakeFixture : ServiceFixture<Program>
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override string Purpose => "intakelocalday";

    protected override Type[] RecordedMessageTypes => [typeof(Published.ScreeningCompleted)];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Intake:ExpiryCheckInterval"] = "00:01:00",
        ["Intake:ValidityMonths"] = "12",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>An intake is valid, and a clearance expires, by the day of the client's clinic, not by the UTC day.</summary>
public sealed class LocalDayTests(LocalDayIntakeFixture fixture) : IClassFixture<LocalDayIntakeFixture>
{
    [Fact]
    public async Task At_an_instant_that_is_already_tomorrow_in_sydney_a_sydney_clearance_of_today_lapses_and_a_new_york_one_does_not()
    {
        // 18:00 UTC: already the next morning in Sydney (UTC+10/+11), still the afternoon in New York.
        var sydney = Guid.CreateVersion7();
        var newYork = Guid.CreateVersion7();
        var now = fixture.Clock.GetUtcNow();
        var tenUtc = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(10), TimeSpan.Zero);
        fixture.Clock.Advance(tenUtc - now);
        var day = DateOnly.FromDateTime(tenUtc.UtcDateTime);
        foreach (var (location, zone) in new[] { (sydney, "Australia/Sydney"), (newYork, "America/New_York") })
        {
            await fixture.Bus.PublishAsync(new NmtPractice.Contracts.Scheduling.LocationPublished(location, zone, zone, [], DateTimeOffset.UtcNow), Guid.CreateVersion7());
        }

        await Eventually.UntilAsync("both locations' zones to reach intake", async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
            return await session.LoadAsync<NmtPractice.ServiceDefaults.Practice.LocationClock>(sydney) is not null
                && await session.LoadAsync<NmtPractice.ServiceDefaults.Practice.LocationClock>(newYork) is not null;
        });

        // 10:00 UTC is the evening of the same day in Sydney: a clearance until today is valid there and in New York.
        var sydneyClient = await ClearedUntilTodayAsync(sydney, day);
        var newYorkClient = await ClearedUntilTodayAsync(newYork, day);

        fixture.Clock.Advance(TimeSpan.FromHours(8));

        // Screened on consent (clearance required), on the clearance (cleared), and again when it lapsed.
        await Eventually.UntilAsync("the Sydney clearance to lapse", () => Task.FromResult(
            fixture.Bus.Received.Select(r => r.Message).OfType<Published.ScreeningCompleted>().Count(m => m.ClientId == sydneyClient && m.Status == "PhysicianClearanceRequired") == 2));
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, sydney, newYork);
        var sydneyScreening = await therapist.ReadAsync<System.Text.Json.JsonElement>($"/api/intake/clients/{sydneyClient}/screening");
        var newYorkScreening = await therapist.ReadAsync<System.Text.Json.JsonElement>($"/api/intake/clients/{newYorkClient}/screening");
        Assert.Equal("PhysicianClearanceRequired", sydneyScreening.GetProperty("outcome").GetString());
        Assert.Equal("ClearedWithPrecautions", newYorkScreening.GetProperty("outcome").GetString());

        // An intake answered now is valid for twelve months from each clinic's own day.
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, sydney, newYork);
        var inSydney = await (await desk.AnswerAsync(sydneyClient, IntakeAnswers.Healthy(("cancer_treatment", true)))).ReadAsync<System.Text.Json.JsonElement>();
        var inNewYork = await (await desk.AnswerAsync(newYorkClient, IntakeAnswers.Healthy(("cancer_treatment", true)))).ReadAsync<System.Text.Json.JsonElement>();
        Assert.Equal(day.AddDays(1).AddMonths(12), DateOnly.Parse(inSydney.GetProperty("validUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(day.AddMonths(12), DateOnly.Parse(inNewYork.GetProperty("validUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A client at the location needing a clearance, cleared until <paramref name="until"/>.</summary>
    private async Task<Guid> ClearedUntilTodayAsync(Guid location, DateOnly until)
    {
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, location);
        var id = await desk.RegisterAsync(location);
        (await desk.AnswerAsync(id, IntakeAnswers.Healthy(("cancer_treatment", true)))).EnsureSuccessStatusCode();
        (await desk.ConsentAsync(id)).EnsureSuccessStatusCode();
        using var cleared = await therapist.ClearAsync(id, until, until);
        Assert.True(cleared.StatusCode == HttpStatusCode.OK, await cleared.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await fixture.Bus.WaitForAsync<Published.ScreeningCompleted>(m => m.ClientId == id && m.Status == "ClearedWithPrecautions");
        return id;
    }
}
