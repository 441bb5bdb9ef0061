using System.Diagnostics.Metrics;
using System.Net;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// Every refusal in scheduling leaves an audit row naming who tried what on which object at which
/// location (a probe across locations is visible to operations), and every 401 is counted.
/// </summary>
public sealed class RefusalAuditTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    [Fact]
    public async Task A_booking_at_another_location_is_audited_as_denied_with_the_caller_and_the_location()
    {
        var client = await World.ClientAsync();
        using var elsewhere = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, Guid.CreateVersion7());

        using var response = await elsewhere.BookAsync(World.Booking(client, World.At(10)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var admin = World.Admin;
        var rows = await admin.AuditAsync("scheduling", "/api/scheduling/appointments");
        var row = Assert.Single(rows, row => row.UserId == elsewhere.Subject());
        Assert.Equal(("post", "endpoint", "denied", World.LocationId), (row.Action, row.ResourceType, row.Outcome, row.LocationId));
    }

    [Fact]
    public async Task Cancelling_another_locations_appointment_is_audited_against_that_appointment()
    {
        var client = await World.ClientAsync();
        using var desk = World.Desk;
        using var booked = await desk.BookAsync(World.Booking(client, World.At(11)));
        var id = await booked.IdOfAsync();
        using var otherManager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());

        using var cancel = await otherManager.CommandAsync(id, "cancel", new CancelAppointment("other"));

        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Equal("Booked", await desk.StatusOfAsync(id));
        using var admin = World.Admin;
        var row = Assert.Single(await admin.AuditAsync("scheduling", id.ToString()), row => row.Outcome == "denied");
        Assert.Equal((otherManager.Subject(), "appointment", World.LocationId), (row.UserId, row.ResourceType, row.LocationId));
    }

    [Fact]
    public async Task A_request_without_a_valid_token_is_counted_as_unauthenticated()
    {
        var counted = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meter) =>
        {
            if (instrument.Name == "nmt.security.unauthenticated")
            {
                meter.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "http.route")
                {
                    lock (counted)
                    {
                        counted.Add(tag.Value as string);
                    }
                }
            }
        });
        listener.Start();
        using var anonymous = fixture.Host.CreateClient();

        using var response = await anonymous.GetAsync(new Uri($"/api/scheduling/locations/{World.LocationId}/waitlist", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        lock (counted)
        {
            // The route pattern, never the path with its ids.
            Assert.Contains(counted, route => route?.EndsWith("/locations/{locationId:guid}/waitlist", StringComparison.Ordinal) == true);
        }
    }
}
