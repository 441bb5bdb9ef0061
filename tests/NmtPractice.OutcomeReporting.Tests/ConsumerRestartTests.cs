using NmtPractice.Contracts.Security;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>Messages published while the consumer is down wait in its durable queue and are all applied after it restarts.</summary>
public sealed class ConsumerRestartTests
{
    [Fact]
    public async Task Bookings_and_signed_sessions_published_while_outcome_reporting_is_down_are_counted_after_it_restarts()
    {
        await using var fixture = new OutcomeReportingFixture();
        await fixture.InitializeAsync();
        var location = Guid.CreateVersion7();
        var day = new DateTimeOffset(2027, 5, 3, 14, 0, 0, TimeSpan.FromHours(2));

        // The first host has declared the durable queue; now it goes down.
        await fixture.Host.DisposeAsync();
        for (var i = 0; i < 5; i++)
        {
            await fixture.Bus.PublishAsync(DailyBookingsQueries.Booking(location, day), Guid.CreateVersion7());
            await fixture.Bus.PublishAsync(OutcomeEvents.Signed(Guid.CreateVersion7(), location, null, new DateOnly(2027, 5, 3), 6, 3), Guid.CreateVersion7());
        }

        var restarted = await fixture.StartHostAsync();
        using var client = restarted.CreateClientAs(NmtRoles.OperationsAdmin);

        await client.WaitForBookedCountAsync(location, new DateOnly(2027, 5, 3), 5);
        await client.WaitForViewAsync<ClinicalOutcomesView>(
            $"/api/outcomes/clinical?from=2027-05-03&to=2027-05-03&locationId={location}",
            body => body.Total.Sessions == 5);
    }
}
