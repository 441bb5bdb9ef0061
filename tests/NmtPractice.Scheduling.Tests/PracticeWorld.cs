using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Clients;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Testing;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// A small practice made through the API: a location in New York open every day 08:00-20:00 with two
/// rooms, two therapists working 09:00-17:00 there, and the services NMT-60 (15-minute buffer) and
/// NMT-30. Clients are made known to scheduling the way intake does it: by publishing its events.
/// </summary>
public sealed class PracticeWorld
{
    public const string TimeZone = "America/New_York";

    private PracticeWorld(ServiceHost<Program> host, TestBus bus)
    {
        Host = host;
        Bus = bus;
    }

    public ServiceHost<Program> Host { get; }

    public TestBus Bus { get; }

    public Guid LocationId { get; } = Guid.CreateVersion7();

    public Guid RoomA { get; } = Guid.CreateVersion7();

    public Guid RoomB { get; } = Guid.CreateVersion7();

    public Guid Therapist { get; } = Guid.CreateVersion7();

    public Guid OtherTherapist { get; } = Guid.CreateVersion7();

    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public HttpClient Admin => Host.CreateClientAs(NmtRoles.OperationsAdmin);

    public HttpClient Desk => Host.CreateClientAs(NmtRoles.FrontDesk, LocationId);

    /// <summary>A day a week or two ahead, at the location.</summary>
    public DateOnly Day(int daysAhead = 8) => WeeklySchedule.LocalDate(DateTimeOffset.UtcNow, Zone).AddDays(daysAhead);

    /// <summary>A local time on <see cref="Day"/> as an instant with the location's offset.</summary>
    public DateTimeOffset At(int hour, int minute = 0, int daysAhead = 8) =>
        WeeklySchedule.InZone(WeeklySchedule.ToInstant(Day(daysAhead), new TimeOnly(hour, minute), Zone), Zone);

    /// <summary>
    /// Days ahead of the first day, at least <paramref name="fromDaysAhead"/> ahead, whose UTC offset at
    /// noon differs from <paramref name="offset"/>: the daylight-saving tests find their dates from the
    /// zone's rules instead of fixed dates that would one day lie in the past.
    /// </summary>
    public int FirstDayAheadWithOffsetOtherThan(TimeSpan offset, int fromDaysAhead)
    {
        for (var daysAhead = fromDaysAhead; daysAhead < fromDaysAhead + 400; daysAhead++)
        {
            if (At(12, daysAhead: daysAhead).Offset != offset)
            {
                return daysAhead;
            }
        }

        throw new InvalidOperationException($"{TimeZone} has no change of offset within 400 days.");
    }

    /// <summary>Days ahead of the first day on daylight-saving time, at least <paramref name="fromDaysAhead"/> ahead.</summary>
    public int NextSpringForward(int fromDaysAhead) => NextClockChange(fromDaysAhead, forward: true);

    /// <summary>Days ahead of the first day back on standard time, at least <paramref name="fromDaysAhead"/> ahead.</summary>
    public int NextFallBack(int fromDaysAhead) => NextClockChange(fromDaysAhead, forward: false);

    private int NextClockChange(int fromDaysAhead, bool forward)
    {
        var daysAhead = fromDaysAhead;
        while (true)
        {
            daysAhead = FirstDayAheadWithOffsetOtherThan(At(12, daysAhead: daysAhead).Offset, daysAhead);
            if (At(12, daysAhead: daysAhead).Offset > At(12, daysAhead: daysAhead - 1).Offset == forward)
            {
                return daysAhead;
            }
        }
    }

    public static async Task<PracticeWorld> CreateAsync(ServiceHost<Program> host, TestBus bus)
    {
        var world = new PracticeWorld(host, bus);
        using var admin = world.Admin;
        var everyDay = Enum.GetValues<DayOfWeek>().Select(day => new { day, from = "08:00", to = "20:00" }).ToArray();
        var workDays = Enum.GetValues<DayOfWeek>().Select(day => new { day, from = "09:00", to = "17:00" }).ToArray();

        await PostAsync(admin, "api/scheduling/services", new { code = "NMT-60", name = "NMT 60 minutes", durationMinutes = 60, bufferMinutes = 15, price = 95m, currency = "USD" });
        await PostAsync(admin, "api/scheduling/services", new { code = "NMT-30", name = "NMT 30 minutes", durationMinutes = 30, bufferMinutes = 0, price = 55m, currency = "USD" });
        await PostAsync(admin, "api/scheduling/locations", new
        {
            locationId = world.LocationId,
            name = "Back Bay",
            address = new { line1 = "100 Boylston St", city = "Boston", region = "MA", postalCode = "02116", country = "US" },
            timeZone = TimeZone,
            openingHours = everyDay,
        });
        await PostAsync(admin, $"api/scheduling/locations/{world.LocationId}/rooms", new { roomId = world.RoomA, name = "Room A" });
        await PostAsync(admin, $"api/scheduling/locations/{world.LocationId}/rooms", new { roomId = world.RoomB, name = "Room B" });
        foreach (var (id, name) in new[] { (world.Therapist, "Sam Whitaker"), (world.OtherTherapist, "Ava Brennan") })
        {
            await PostAsync(admin, "api/scheduling/therapists", new { therapistId = id, name, services = new[] { "NMT-60", "NMT-30" } });
            (await admin.PutAsJsonAsync($"api/scheduling/therapists/{id}/locations/{world.LocationId}/hours", new { hours = workDays })).EnsureSuccessStatusCode();
        }

        return world;
    }

    /// <summary>A client intake has registered (and screened with <paramref name="screening"/>, unless null), known to scheduling.</summary>
    public async Task<Guid> ClientAsync(string? screening = "Cleared", bool intakeExpired = false)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await Bus.PublishAsync(new ClientRegistered(id, LocationId, "Test C.", now), Guid.CreateVersion7());
        if (screening is not null)
        {
            await Bus.PublishAsync(
                new ScreeningCompleted(id, LocationId, screening, [], [], null, DateOnly.FromDateTime(now.UtcDateTime).AddYears(1), "2026.1", now.AddMilliseconds(1)),
                Guid.CreateVersion7());
        }

        if (intakeExpired)
        {
            await Bus.PublishAsync(new IntakeExpired(id, LocationId, 1, now.AddMilliseconds(2)), Guid.CreateVersion7());
        }

        await Eventually.UntilAsync("the client to be known to scheduling", async () =>
        {
            await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var status = await session.LoadAsync<ClientBookingStatus>(id);
            return status is not null && (screening is null || status.ScreeningStatus == screening) && status.IntakeExpired == intakeExpired;
        });
        return id;
    }

    public object Booking(Guid clientId, DateTimeOffset startsAt, Guid? therapistId = null, string service = "NMT-60", Guid? appointmentId = null, Guid? roomId = null) => new
    {
        appointmentId,
        clientId,
        locationId = LocationId,
        therapistId = therapistId ?? Therapist,
        serviceCode = service,
        startsAt,
        roomId,
    };

    public static async Task<Guid> IdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
