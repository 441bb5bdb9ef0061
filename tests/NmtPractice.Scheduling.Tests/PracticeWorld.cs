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
        var workDays = DayHours.EveryDay(new TimeOnly(9, 0), new TimeOnly(17, 0));
        await new PracticeBuilder()
            .Service(DefineService.Nmt60)
            .Service(DefineService.Nmt30)
            .Location(new OpenLocation(
                world.LocationId, "Back Bay", new PostalAddress("100 Boylston St", "Boston", "MA", "02116", "US"), TimeZone,
                DayHours.EveryDay(new TimeOnly(8, 0), new TimeOnly(20, 0))))
            .Room(new AddRoom(world.RoomA, "Room A"))
            .Room(new AddRoom(world.RoomB, "Room B"))
            .Therapist(new RegisterTherapist(world.Therapist, "Sam Whitaker", ["NMT-60", "NMT-30"]), workDays)
            .Therapist(new RegisterTherapist(world.OtherTherapist, "Ava Brennan", ["NMT-60", "NMT-30"]), workDays)
            .BuildAsync(admin);
        return world;
    }

    /// <summary>A client intake has registered (and screened with <paramref name="screening"/>, unless null), known to scheduling.</summary>
    /// <summary>A client as intake announces one, registered at the world's location or at <paramref name="homeLocation"/>.</summary>
    public async Task<Guid> ClientAsync(string? screening = "Cleared", bool intakeExpired = false, Guid? homeLocation = null)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var home = homeLocation ?? LocationId;
        await Bus.PublishAsync(new ClientRegistered(id, home, "Test C.", now), Guid.CreateVersion7());
        if (screening is not null)
        {
            await Bus.PublishAsync(
                new ScreeningCompleted(id, home, screening, [], [], null, DateOnly.FromDateTime(now.UtcDateTime).AddYears(1), "2026.1", now.AddMilliseconds(1)),
                Guid.CreateVersion7());
        }

        if (intakeExpired)
        {
            await Bus.PublishAsync(new IntakeExpired(id, home, 1, now.AddMilliseconds(2)), Guid.CreateVersion7());
        }

        await Eventually.UntilAsync("the client to be known to scheduling", async () =>
        {
            await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var status = await session.LoadAsync<ClientBookingStatus>(id);
            var reach = await session.LoadAsync<NmtPractice.ServiceDefaults.Clients.ClientReach>(id);
            return status is not null && (screening is null || status.ScreeningStatus == screening) && status.IntakeExpired == intakeExpired
                && reach?.HomeLocationId == home;
        });
        return id;
    }

    public BookAppointment Booking(Guid clientId, DateTimeOffset startsAt, Guid? therapistId = null, string service = "NMT-60", Guid? appointmentId = null, Guid? roomId = null) =>
        new(appointmentId, clientId, LocationId, therapistId ?? Therapist, service, startsAt, roomId);
}
