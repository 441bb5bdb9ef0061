using System.Net;
using System.Text.Json;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.Security;
using NmtPractice.Testing;
using static NmtPractice.OutcomeReporting.Tests.OutcomeEvents;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>Rebuilding every read model from the stored events gives exactly what was built incrementally.</summary>
public sealed class RebuildTests
{
    private static readonly string[] Views =
    [
        "/api/outcomes/clinical?from=2027-01-01&to=2027-12-31&by=location",
        "/api/outcomes/clinical?from=2027-01-01&to=2027-12-31&by=technique",
        "/api/outcomes/clinical?from=2027-01-01&to=2027-12-31&by=month",
        "/api/outcomes/operations/utilisation?from=2027-04-01&to=2027-04-30&period=day&by=therapist",
        "/api/outcomes/operations/utilisation?from=2027-04-01&to=2027-04-30&period=month",
        "/api/outcomes/operations/screenings?from=2027-04-01&to=2027-04-30&period=week",
        "/api/outcomes/operations/waitlist?from=2027-04-01&to=2027-04-30&period=week",
        "/api/outcomes/operations/daily-bookings?from=2027-04-01&to=2027-04-30",
    ];

    [Fact]
    public async Task A_rebuild_reports_progress_and_ends_with_the_same_figures()
    {
        await using var fixture = new OutcomeReportingFixture();
        await fixture.InitializeAsync();
        var location = Guid.CreateVersion7();
        var therapist = Guid.CreateVersion7();
        var clients = Enumerable.Range(0, 6).Select(_ => Guid.CreateVersion7()).ToArray();
        var monday = new DateTimeOffset(2027, 4, 5, 9, 0, 0, NewYorkSummer);
        var messages = new List<object>
        {
            new LocationPublished(location, "Rebuilt clinic", "America/New_York", [], LongAgo),
            new TherapistWorkingHoursSet(therapist, location, [new WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))], LongAgo),
        };
        foreach (var (client, i) in clients.Select((client, i) => (client, i)))
        {
            var booked = Booked(client, location, therapist, monday.AddHours(i), waitlistEntry: i == 0 ? Guid.CreateVersion7() : null);
            messages.AddRange([
                booked, i % 3 == 0 ? NoShow(booked) : Completed(booked),
                Screened(client, location, i == 5 ? "Contraindicated" : "Cleared", monday),
                Offered(Guid.CreateVersion7(), client, location, therapist, monday.AddDays(7)),
                Signed(client, location, therapist, new DateOnly(2027, 4, 5), 7, 4, Technique("muscle-stripping", safetyFlag: i == 1)),
                Signed(client, location, therapist, new DateOnly(2027, 4, 12), 7 - i, 3, Technique("skin-rolling")),
            ]);
        }

        await fixture.Bus.PublishInOrderAsync([.. messages]);
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        await admin.WaitForViewAsync<ClinicalOutcomesView>(Views[0], body => body.Total.Sessions == 12);
        var incremental = await SnapshotAsync(admin);

        using var started = await admin.PostAsync(new Uri("/api/outcomes/rebuilds", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        using var again = await admin.PostAsync(new Uri("/api/outcomes/rebuilds", UriKind.Relative), null, TestContext.Current.CancellationToken);
        var status = await Eventually.ValueAsync(
            "the rebuild to finish",
            () => admin.ReadAsync<RebuildView>(started.Headers.Location!.ToString()),
            body => body.State != "running");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("succeeded", status.State);
        Assert.All(status.ReadModels, model =>
        {
            Assert.Equal("done", model.State);
            Assert.True(model.EventsProcessed > 0, $"{model} processed nothing");
        });
        Assert.Equal(incremental, await SnapshotAsync(admin));

        // After the rebuild, the read models carry on with new events.
        await fixture.Bus.PublishInOrderAsync(Signed(clients[0], location, therapist, new DateOnly(2027, 4, 19), 3, 2, Technique("skin-rolling")));
        await admin.WaitForViewAsync<ClinicalOutcomesView>(Views[0], body => body.Total.Sessions == 13);
        using var notThere = await admin.GetAsync(new Uri($"/api/outcomes/rebuilds/{Guid.CreateVersion7()}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, notThere.StatusCode);
    }

    [Fact]
    public async Task Only_operations_admins_may_rebuild()
    {
        await using var fixture = new OutcomeReportingFixture();
        await fixture.InitializeAsync();
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());

        using var response = await manager.PostAsync(new Uri("/api/outcomes/rebuilds", UriKind.Relative), null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>
    /// Every view's figures (freshness aside, which a rebuild legitimately moves), once the view is
    /// current: the whole documents as written, so that nothing a typed view leaves out is missed.
    /// </summary>
    private static async Task<List<string>> SnapshotAsync(HttpClient admin)
    {
        var figures = new List<string>();
        foreach (var view in Views)
        {
            if (!view.Contains("daily-bookings", StringComparison.Ordinal))
            {
                await admin.WaitForViewAsync<DashboardView>(view, _ => true);
            }

            var body = await admin.ReadAsync<JsonElement>(view);
            figures.Add(string.Join("|", body.EnumerateObject().Where(property => property.Name is not ("freshness" or "lastEventAt")).Select(property => $"{property.Name}={property.Value.GetRawText()}")));
        }

        return figures;
    }
}
