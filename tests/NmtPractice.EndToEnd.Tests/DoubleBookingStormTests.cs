using System.Net;
using System.Net.Http.Json;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>Hundreds of conflicting bookings race through the gateway: each slot has exactly one winner.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class DoubleBookingStormTests(RunningSystem system)
{
    private const int Slots = 5;
    private const int RequestsPerSlot = 40;

    [Fact]
    public async Task Concurrent_conflicting_bookings_through_the_gateway_leave_exactly_one_appointment_per_slot()
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        using var admin = await system.ClientForAsync("ops.admin");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, E2EPractice.Zone).DateTime).AddDays(80);
        var starts = Enumerable.Range(0, Slots)
            .Select(i => day.ToDateTime(new TimeOnly(8 + (2 * i), 0)))
            .Select(local => new DateTimeOffset(local, E2EPractice.Zone.GetUtcOffset(local)))
            .ToList();

        // Every request is released at once, half from the desk and half from an operations admin.
        using var go = new SemaphoreSlim(0);
        var requests = starts.SelectMany(start => Enumerable.Range(0, RequestsPerSlot).Select(async i =>
        {
            await go.WaitAsync();
            var client = i % 2 == 0 ? desk : admin;
            using var response = await client.PostAsJsonAsync("api/scheduling/appointments", practice.Booking(E2EPractice.BackBay, start, Guid.CreateVersion7()), TestContext.Current.CancellationToken);
            return (Start: start, response.StatusCode);
        })).ToList();
        go.Release(requests.Count);
        var results = await Task.WhenAll(requests);

        Assert.All(results, result => Assert.Contains(result.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.All(starts, start => Assert.Equal(1, results.Count(result => result.Start == start && result.StatusCode == HttpStatusCode.Created)));
        var calendar = await desk.ReadAsync<CalendarView>($"api/scheduling/locations/{E2EPractice.BackBay}/calendar?date={day:yyyy-MM-dd}&by=therapist");
        var booked = calendar.Days[0].Columns
            .SelectMany(column => column.Appointments)
            .Select(appointment => appointment.StartsAt)
            .Order()
            .ToList();
        Assert.Equal(starts, booked);
    }
}
