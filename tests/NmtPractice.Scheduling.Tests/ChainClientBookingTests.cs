using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Contracts.Intake;
using NmtPractice.Scheduling.Clients;
using NmtPractice.ServiceDefaults.Clients;
using NmtPractice.Testing;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Scheduling in a chain that keeps its clients per location (<c>Clients:Sharing=Location</c>).</summary>
public sealed class PerLocationSchedulingFixture : PracticeWorldFixture
{
    protected override string Purpose => "schedulingperlocation";

    protected override IReadOnlyDictionary<string, string?> Settings => ServiceFixtureSettings.ClientsPerLocation;
}

/// <summary>A chain's client is booked anywhere in the chain; a merged-away registration is booked no more.</summary>
public sealed class ChainClientBookingTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    [Fact]
    public async Task A_client_registered_at_another_location_of_the_chain_is_booked_here_behind_the_same_gate()
    {
        var elsewhere = Guid.CreateVersion7();
        var cleared = await World.ClientAsync(homeLocation: elsewhere);
        var contraindicated = await World.ClientAsync("Contraindicated", homeLocation: elsewhere);
        using var desk = World.Desk;

        using var booked = await desk.BookAsync(World.Booking(cleared, World.At(9, daysAhead: 50)));
        using var refused = await desk.BookAsync(World.Booking(contraindicated, World.At(11, daysAhead: 50)));

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("Client contraindicated", await refused.ProblemTitleAsync());
    }

    [Fact]
    public async Task A_merged_away_registration_is_refused_and_its_appointments_show_under_the_record_that_stays()
    {
        var survivor = await World.ClientAsync();
        var duplicate = await World.ClientAsync(homeLocation: Guid.CreateVersion7());
        using var desk = World.Desk;
        using (var earlier = await desk.BookAsync(World.Booking(duplicate, World.At(13, daysAhead: 51))))
        {
            Assert.Equal(HttpStatusCode.Created, earlier.StatusCode);
        }

        await fixture.Bus.PublishAsync(new ClientsMerged(survivor, duplicate, DateTimeOffset.UtcNow), Guid.CreateVersion7());
        await Eventually.UntilAsync("the merge to reach scheduling", async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var status = await session.LoadAsync<ClientBookingStatus>(duplicate);
            var reach = await session.LoadAsync<ClientReach>(survivor);
            return status?.MergedInto == survivor && reach?.MergedFrom.Contains(duplicate) == true;
        });

        using var refused = await desk.BookAsync(World.Booking(duplicate, World.At(15, daysAhead: 51)));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("Client merged", await refused.ProblemTitleAsync());

        var appointments = await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{survivor}/appointments");
        Assert.Equal([World.At(13, daysAhead: 51)], appointments.Upcoming.Select(a => a.StartsAt));
    }
}

/// <summary>A chain that keeps its clients per location refuses another location's client before telling anything about them.</summary>
public sealed class PerLocationBookingTests(PerLocationSchedulingFixture fixture) : IClassFixture<PerLocationSchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    [Fact]
    public async Task Another_locations_client_is_refused_before_the_screening_gate_and_nothing_is_written()
    {
        // Rule: the location check comes first, so a refusal never says whether the client is contraindicated.
        var foreign = Guid.CreateVersion7();
        var contraindicatedElsewhere = await World.ClientAsync("Contraindicated", homeLocation: foreign);
        var ownClient = await World.ClientAsync();
        using var desk = World.Desk;

        using var refused = await desk.BookAsync(World.Booking(contraindicatedElsewhere, World.At(9, daysAhead: 52)));
        using var waitlisted = await desk.PostAsJsonAsync("/api/scheduling/waitlist",
            new JoinWaitlist(contraindicatedElsewhere, World.LocationId, "NMT-60", null, World.Day(52), World.Day(60)), TestContext.Current.CancellationToken);
        using var booked = await desk.BookAsync(World.Booking(ownClient, World.At(9, daysAhead: 52)));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Created), (refused.StatusCode, waitlisted.StatusCode, booked.StatusCode));
        Assert.DoesNotContain("contraindicat", (await refused.ProblemAsync()).Detail, StringComparison.OrdinalIgnoreCase);
        using var admin = World.Admin;
        Assert.Empty((await admin.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{contraindicatedElsewhere}/appointments")).Upcoming);
        var rows = await admin.AuditAsync("scheduling", "/api/scheduling/appointments");
        Assert.Contains(rows, row => row.UserId == desk.Subject() && row.Outcome == "denied" && row.LocationId == World.LocationId);
    }
}
