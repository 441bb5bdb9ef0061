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
