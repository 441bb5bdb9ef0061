using System.Net;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Contracts.Security;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Committed bookings reach RabbitMQ through the Marten subscription, at least once, across restarts.</summary>
public sealed class PublishingIntegrationEventsTests
{
    [Fact]
    public async Task A_booking_is_published_with_the_event_id_as_message_id_and_the_request_correlation()
    {
        await using var fixture = new SchedulingFixture();
        await fixture.InitializeAsync();
        var world = fixture.World;
        var client = await world.ClientAsync("PhysicianClearanceRequired");
        using var desk = world.Desk;

        using var response = await desk.BookAsync(world.Booking(client, world.At(10)), request => request.Headers.Add("X-Correlation-Id", "publish-test-1"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = await response.IdOfAsync();

        var received = await fixture.Bus.WaitForAsync<Published.AppointmentBooked>(booked => booked.AppointmentId == id);

        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var committed = Assert.Single(await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken));
        Assert.Equal(committed.Id, received.MessageId);
        Assert.Equal("publish-test-1", received.Headers["nmt-correlation-id"]);
        var message = (Published.AppointmentBooked)received.Message;
        Assert.Equal(committed.Timestamp, message.OccurredAt);
        Assert.Equal("NMT-60", message.ServiceCode);
        Assert.Equal(world.RoomA, message.RoomId);
        Assert.True(message.ClearancePending);
        // Times travel in the location's offset, so consumers know the clinic's local day and hour.
        Assert.Equal(world.Zone.GetUtcOffset(message.StartsAt), message.StartsAt.Offset);
        Assert.Equal(world.Zone.GetUtcOffset(message.EndsAt), message.EndsAt.Offset);
        Assert.NotEqual(TimeSpan.Zero, message.StartsAt.Offset);
        await fixture.Bus.WaitForAsync<Published.TherapistWorkingHoursSet>(set => set.TherapistId == world.Therapist && set.LocationId == world.LocationId);
        await fixture.Bus.WaitForAsync<Published.LocationPublished>(location => location.LocationId == world.LocationId && location.TimeZone == PracticeWorld.TimeZone);
    }

    [Fact]
    public async Task Events_committed_while_no_daemon_runs_are_published_after_a_restart_and_progress_is_stored()
    {
        await using var fixture = new SchedulingFixture();
        await fixture.InitializeAsync();
        var world = fixture.World;
        var clients = new[] { await world.ClientAsync(), await world.ClientAsync(), await world.ClientAsync() };

        // An API replica without the daemon takes bookings; nothing publishes them yet.
        var apiOnly = await fixture.StartHostAsync(runAsyncDaemon: false);
        var ids = new List<Guid>();
        using (var desk = apiOnly.CreateClientAs(NmtRoles.FrontDesk, world.LocationId))
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await desk.BookAsync(world.Booking(clients[i], world.At(10 + (2 * i))));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                ids.Add(await response.IdOfAsync());
            }
        }

        await apiOnly.DisposeAsync();

        // The fixture's own host runs the daemon; stop it too, then start a fresh one: a restart.
        await fixture.Host.DisposeAsync();
        var restarted = await fixture.StartHostAsync(runAsyncDaemon: true);

        foreach (var id in ids)
        {
            await fixture.Bus.WaitForAsync<Published.AppointmentBooked>(booked => booked.AppointmentId == id);
        }

        var store = restarted.Services.GetRequiredService<IDocumentStore>();
        var highWater = (await store.Advanced.FetchEventStoreStatistics(token: TestContext.Current.CancellationToken)).EventSequenceNumber;
        var progress = await Testing.Eventually.ValueAsync(
            "the publisher's stored progress to reach the last event",
            () => store.Advanced.ProjectionProgressFor(new ShardName("IntegrationEventPublisher", "All", 1), token: TestContext.Current.CancellationToken),
            stored => stored >= highWater);
        Assert.Equal(highWater, progress);
    }

    [Fact]
    public async Task Bookings_are_taken_while_the_broker_refuses_the_service_and_published_once_it_accepts()
    {
        await using var fixture = new SchedulingFixture();
        await fixture.InitializeAsync();
        var world = fixture.World;
        var clientId = await world.ClientAsync();
        await fixture.Host.DisposeAsync();
        var refused = await fixture.VirtualHost.CreateUserWithoutAccessAsync();

        var host = fixture.StartHostUnchecked(refused);
        using var client = host.CreateClientAs(NmtRoles.FrontDesk, world.LocationId);
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        using var booked = await client.BookAsync(world.Booking(clientId, world.At(16)));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var id = await booked.IdOfAsync();

        await fixture.VirtualHost.GrantAsync(refused, NmtPractice.Testing.BrokerPermissions.For(ServiceInfo.Name));

        await fixture.Bus.WaitForAsync<Published.AppointmentBooked>(message => message.AppointmentId == id, TimeSpan.FromSeconds(90));
    }
}
