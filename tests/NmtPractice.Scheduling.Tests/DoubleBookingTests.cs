using System.Net;
using Npgsql;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Many desks racing for the same therapist or room at the same time: exactly one wins.</summary>
public sealed class DoubleBookingTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    [Fact]
    public async Task Two_therapists_booked_at_the_same_time_by_racing_desks_both_get_a_room()
    {
        // Both bookings see the same free rooms and pick the same one; the loser must take the other
        // room, not fail. Several rounds, so that the race happens.
        for (var round = 0; round < 6; round++)
        {
            var startsAt = World.At(10, daysAhead: 12 + round);
            var first = await World.ClientAsync();
            var second = await World.ClientAsync();
            using var gate = new SemaphoreSlim(0);
            var attempts = new[] { (first, World.Therapist), (second, World.OtherTherapist) }.Select(async booking =>
            {
                using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, World.LocationId);
                await gate.WaitAsync(TestContext.Current.CancellationToken);
                using var response = await desk.BookAsync(World.Booking(booking.Item1, startsAt, booking.Item2));
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }).ToList();
            gate.Release(2);
            var results = await Task.WhenAll(attempts);

            Assert.All(results, result => Assert.True(result.StatusCode == HttpStatusCode.Created, $"round {round}: {(int)result.StatusCode} {result.Body}"));
            var rooms = results.Select(result => System.Text.Json.JsonSerializer.Deserialize<AppointmentView>(result.Body, System.Text.Json.JsonSerializerOptions.Web)!.RoomId).ToHashSet();
            Assert.Equal(2, rooms.Count);
        }
    }

    [Fact]
    public async Task Concurrent_bookings_of_one_therapist_at_one_time_have_exactly_one_winner()
    {
        const int desks = 24;
        var clients = new List<Guid>();
        for (var i = 0; i < desks; i++)
        {
            clients.Add(await World.ClientAsync());
        }

        var startsAt = World.At(10, daysAhead: 10);
        using var gate = new SemaphoreSlim(0);
        var attempts = clients.Select(async (client, i) =>
        {
            using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, World.LocationId);
            await gate.WaitAsync(TestContext.Current.CancellationToken);

            // Half of them 30 minutes later: still overlapping the 60-minute session plus its buffer.
            using var response = await desk.BookAsync(World.Booking(client, i % 2 == 0 ? startsAt : startsAt.AddMinutes(30)));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        gate.Release(desks);
        var results = await Task.WhenAll(attempts);

        var unexpected = results.Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).Select(r => $"{(int)r.StatusCode}: {r.Body}");
        Assert.Empty(unexpected);
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(desks - 1, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.All(
            results.Where(r => r.StatusCode == HttpStatusCode.Conflict),
            r => Assert.True(r.Body.Contains("Therapist already booked", StringComparison.Ordinal) || r.Body.Contains("Slot taken", StringComparison.Ordinal), r.Body));
        Assert.Equal(1, await ReservationsAsync("therapist", World.Therapist, startsAt));
    }

    [Fact]
    public async Task Concurrent_bookings_of_one_room_by_different_therapists_have_exactly_one_winner()
    {
        var first = await World.ClientAsync();
        var second = await World.ClientAsync();
        var startsAt = World.At(14, daysAhead: 10);
        using var deskA = World.Desk;
        using var deskB = World.Desk;

        var results = await Task.WhenAll(
            deskA.BookAsync(World.Booking(first, startsAt, therapistId: World.Therapist, roomId: World.RoomB)),
            deskB.BookAsync(World.Booking(second, startsAt, therapistId: World.OtherTherapist, roomId: World.RoomB)));

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Conflict],
            results.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await ReservationsAsync("room", World.RoomB, startsAt));
        foreach (var response in results)
        {
            response.Dispose();
        }
    }

    private async Task<long> ReservationsAsync(string kind, Guid resource, DateTimeOffset at)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "select count(*) from scheduling.slot_reservations where resource_kind = @kind and resource_id = @resource and during && tstzrange(@at, @at + interval '2 hours')",
            connection);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("resource", resource);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
