using System.Net;
using NmtPractice.Contracts.Security;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>Dashboards are for managers of their own locations and for operations admins.</summary>
public sealed class DashboardAccessTests(OutcomeReportingFixture fixture) : IClassFixture<OutcomeReportingFixture>
{
    private static readonly DateTimeOffset Day = new(2027, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(NmtRoles.FrontDesk)]
    [InlineData(NmtRoles.Therapist)]
    public async Task Front_desk_and_therapists_do_not_see_dashboards(string role)
    {
        var location = Guid.CreateVersion7();
        using var client = fixture.Host.CreateClientAs(role, location);

        using var response = await client.GetAsync(new Uri($"/api/outcomes/operations/daily-bookings?from=2027-06-01&to=2027-06-01&locationId={location}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_manager_asking_for_another_location_is_forbidden()
    {
        using var client = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());
        var foreign = Guid.CreateVersion7();

        using var response = await client.GetAsync(new Uri($"/api/outcomes/operations/daily-bookings?from=2027-06-01&to=2027-06-01&locationId={foreign}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var refused = await admin.AuditAsync("outcomes", "/api/outcomes/operations/daily-bookings");
        var row = Assert.Single(refused, entry => entry.UserId == client.Subject());
        Assert.Equal(("get", "denied", foreign), (row.Action, row.Outcome, row.LocationId));
    }

    [Fact]
    public async Task Without_a_location_filter_a_manager_sees_only_their_own_locations()
    {
        var mine = Guid.CreateVersion7();
        var theirs = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(DailyBookingsQueries.Booking(mine, Day), Guid.CreateVersion7());
        await fixture.Bus.PublishAsync(DailyBookingsQueries.Booking(theirs, Day), Guid.CreateVersion7());
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        await admin.WaitForBookedCountAsync(mine, new DateOnly(2027, 6, 1), 1);
        await admin.WaitForBookedCountAsync(theirs, new DateOnly(2027, 6, 1), 1);
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, mine);

        var body = await manager.ReadAsync<DailyBookingsView>("/api/outcomes/operations/daily-bookings?from=2027-06-01&to=2027-06-01");

        var locations = body.Items.Select(row => row.LocationId).ToList();
        Assert.Equal([mine], locations);
    }
}
