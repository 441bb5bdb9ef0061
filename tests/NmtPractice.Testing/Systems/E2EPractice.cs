using System.Net.Http.Json;
using NmtPractice.Testing.Practice;

namespace NmtPractice.Testing;

/// <summary>
/// The practice the end-to-end tests work in, set up through the gateway as an operations admin:
/// Back Bay and Cambridge (the demo users' locations, New York time), two rooms each, a therapist at
/// each working 07:00-21:00 every day, the services NMT-60 and NMT-30, and a screened, consenting
/// client at each location registered through intake. Back Bay has a second therapist, "Therapist two
/// at Back Bay", with the same hours but only the 30-minute service, so that journeys which book the
/// 60-minute service with the first therapist are not changed by them.
/// </summary>
public sealed class E2EPractice
{
    public static readonly Guid BackBay = Guid.Parse("0194f3a0-0000-7000-8000-00000000a001");
    public static readonly Guid Cambridge = Guid.Parse("0194f3a0-0000-7000-8000-00000000a002");

    /// <summary>The demo users each location's first therapist profile is linked to (therapist.backbay, therapist.cambridge).</summary>
    /// <summary>The demo user the second Back Bay therapist profile is linked to (therapist.manager: a therapist at Back Bay who manages Cambridge).</summary>
    public const string SecondTherapistUserId = "0194f3a0-0000-7000-8000-000000000a11";

    public static readonly IReadOnlyDictionary<Guid, string> TherapistUserIds = new Dictionary<Guid, string>
    {
        [BackBay] = "0194f3a0-0000-7000-8000-000000000a02",
        [Cambridge] = "0194f3a0-0000-7000-8000-000000000a05",
    };

    /// <summary>
    /// The clinics' time zone: a fixed offset chosen so that it is mid-morning there when the run
    /// starts, so that browser journeys can book, and check in, an appointment later today.
    /// </summary>
    public static readonly string ZoneId = ZoneWhereItIs(10, DateTimeOffset.UtcNow).ZoneId;

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>
    /// A fixed-offset zone (IANA Etc/GMT±n) where the local hour at <paramref name="now"/> is
    /// <paramref name="localHour"/>, and its offset: the tests' clinics put the run at a known time of day.
    /// </summary>
    public static (string ZoneId, TimeSpan Offset) ZoneWhereItIs(int localHour, DateTimeOffset now)
    {
        var offset = localHour - now.UtcDateTime.Hour;
        offset = offset < -12 ? offset + 24 : offset > 14 ? offset - 24 : offset;
        // IANA's Etc zones carry the inverted (POSIX) sign: Etc/GMT-5 is UTC+5.
        var zone = offset switch
        {
            0 => "Etc/UTC",
            > 0 => $"Etc/GMT-{offset}",
            _ => $"Etc/GMT+{-offset}",
        };
        return (zone, TimeSpan.FromHours(offset));
    }

    /// <summary>
    /// A clinic day for load: a fixed-offset zone where it is about one in the morning at
    /// <paramref name="now"/>, the next full hour there, and 23:59 that day, so that most of the local
    /// day lies ahead to be booked and checked in.
    /// </summary>
    public static (string ZoneId, DateTimeOffset FirstHour, DateTimeOffset EndOfDay) DayAheadFromOneInTheMorning(DateTimeOffset now)
    {
        var (zone, offset) = ZoneWhereItIs(1, now);
        var local = now.ToOffset(offset);
        return (zone,
            new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, offset).AddHours(1),
            new DateTimeOffset(local.Year, local.Month, local.Day, 23, 59, 0, offset));
    }

    /// <summary>Every day 07:00-21:00.</summary>
    public static readonly IReadOnlyList<DayHours> Week = DayHours.EveryDay(new TimeOnly(7, 0), new TimeOnly(21, 0));

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<RunningSystem, E2EPractice> Made = [];
    private int _nextSlot;

    private E2EPractice(RunningSystem system) => System = system;

    public RunningSystem System { get; }

    public Dictionary<Guid, Guid> Therapists { get; } = [];

    /// <summary>Back Bay's second therapist (NMT-30 only).</summary>
    public Guid SecondTherapistAtBackBay { get; private set; }

    public Dictionary<Guid, Guid> Rooms { get; } = [];

    public Dictionary<Guid, Guid> Clients { get; } = [];

    /// <summary>
    /// Three 30-minute appointments booked when the practice is set up, starting at the next 5-minute
    /// mark at least a minute and a half later (Back Bay's two therapists, Cambridge's therapist): a
    /// client can be marked a no-show only once the appointment has started, and the system runs on the
    /// real clock, so tests that need a started appointment take one of these and await its start:
    /// their class runs after every other end-to-end class, by when it is long past.
    /// </summary>
    public IReadOnlyList<(Guid Location, Guid Appointment, string Given, DateTimeOffset StartsAt)> StartingSoon { get; private set; } = [];

    public static async Task<E2EPractice> OfAsync(RunningSystem system)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Made.TryGetValue(system, out var practice))
            {
                practice = new E2EPractice(system);
                await practice.SetUpAsync();
                Made[system] = practice;
            }

            return practice;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A start no other test uses, weeks ahead: nine a day, 90 minutes apart, so that a 60-minute
    /// session and its 15-minute buffer never touch the next.
    /// </summary>
    public DateTimeOffset NextStart()
    {
        var n = Interlocked.Increment(ref _nextSlot);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).DateTime).AddDays(30 + (n / 9));
        var local = day.ToDateTime(new TimeOnly(7, 0)).AddMinutes(90 * (n % 9));
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>Books an appointment for the location's client (retrying while scheduling has not yet heard of the client).</summary>
    public Task<Guid> BookAsync(Guid location, HttpClient? asUser = null) => BookAtAsync(location, NextStart(), asUser);

    /// <summary>
    /// The first start today, at least <paramref name="after"/> from now, that the location's therapist
    /// has free: tests that need an appointment today ask for one instead of assuming an hour is free.
    /// </summary>
    public async Task<DateTimeOffset> FreeStartTodayAsync(Guid location, HttpClient asUser, TimeSpan after, Guid? therapistId = null, string serviceCode = "NMT-60")
    {
        ArgumentNullException.ThrowIfNull(asUser);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).DateTime);
        var availability = await asUser.GetFromJsonAsync<AvailabilityView>(
            $"api/scheduling/availability?locationId={location}&serviceCode={serviceCode}&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&therapistId={therapistId ?? Therapists[location]}")
            ?? throw new InvalidOperationException("Scheduling answered no availability.");
        var earliest = DateTimeOffset.UtcNow + after;
        return availability.Slots
            .Select(slot => slot.StartsAt)
            .Where(start => start >= earliest)
            .Order()
            .Cast<DateTimeOffset?>()
            .FirstOrDefault() ?? throw new InvalidOperationException($"No free start left today at the location after {earliest:O}.");
    }

    /// <summary>Books the location's client (or <paramref name="clientId"/>) with its therapist (or <paramref name="therapistId"/>) at a time, retrying while scheduling has not yet heard of the client.</summary>
    public async Task<Guid> BookAtAsync(Guid location, DateTimeOffset startsAt, HttpClient? asUser = null, Guid? clientId = null, Guid? therapistId = null, string serviceCode = "NMT-60")
    {
        using var admin = await System.ClientForAsync("ops.admin");
        var client = asUser ?? admin;
        var id = Guid.CreateVersion7();
        var body = Booking(location, startsAt, id, clientId, therapistId, serviceCode);
        await Eventually.UntilAsync("scheduling to take the booking", async () =>
        {
            using var response = await client.PostAsJsonAsync("api/scheduling/appointments", body);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            var problem = await response.Content.ReadAsStringAsync();
            return problem.Contains("Unknown client", StringComparison.Ordinal)
                ? false
                : throw new ProbeAbortedException($"Booking failed with {(int)response.StatusCode}: {problem}");
        });
        return id;
    }

    public BookAppointment Booking(Guid location, DateTimeOffset startsAt, Guid? appointmentId = null, Guid? clientId = null, Guid? therapistId = null, string serviceCode = "NMT-60") =>
        new(appointmentId, clientId ?? Clients[location], location, therapistId ?? Therapists[location], serviceCode, startsAt);

    private async Task SetUpAsync()
    {
        using var admin = await System.ClientForAsync("ops.admin");
        var practice = new PracticeBuilder().Service(DefineService.Nmt60).Service(DefineService.Nmt30);
        foreach (var (location, name) in new[] { (BackBay, "Back Bay"), (Cambridge, "Cambridge") })
        {
            Rooms[location] = Guid.CreateVersion7();
            Therapists[location] = Guid.CreateVersion7();
            practice
                .Location(new OpenLocation(location, name, PostalAddress.Boston("1 Main St"), ZoneId, Week))
                .Room(new AddRoom(Rooms[location], "Room 1"))
                .Room(new AddRoom(null, "Room 2"))
                .Therapist(new RegisterTherapist(Therapists[location], $"Therapist at {name}", ["NMT-60", "NMT-30"], TherapistUserIds[location]), Week);
            if (location == BackBay)
            {
                SecondTherapistAtBackBay = Guid.CreateVersion7();
                practice.Therapist(new RegisterTherapist(SecondTherapistAtBackBay, "Therapist two at Back Bay", ["NMT-30"], SecondTherapistUserId), Week);
            }
        }

        await practice.BuildAsync(admin);
        foreach (var location in new[] { BackBay, Cambridge })
        {
            await PracticeBuilder.NoQuietHoursAsync(admin, location);
        }

        foreach (var (location, desk) in new[] { (BackBay, "frontdesk.backbay"), (Cambridge, "frontdesk.cambridge") })
        {
            using var frontDesk = await System.ClientForAsync(desk);
            Clients[location] = await RegisterScreenedClientAsync(frontDesk, location);
        }

        var soon = DateTimeOffset.UtcNow.AddSeconds(90);
        var mark = new DateTimeOffset(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute - (soon.Minute % 5), 0, TimeSpan.Zero).AddMinutes(5);
        var starts = TimeZoneInfo.ConvertTime(mark, Zone);
        var booked = new List<(Guid, Guid, string, DateTimeOffset)>();
        foreach (var (location, therapist, given, desk) in new[]
        {
            (BackBay, Therapists[BackBay], "Noemi", "frontdesk.backbay"),
            (BackBay, SecondTherapistAtBackBay, "Nestor", "frontdesk.backbay"),
            (Cambridge, Therapists[Cambridge], "Nerys", "frontdesk.cambridge"),
        })
        {
            using var frontDesk = await System.ClientForAsync(desk);
            var client = await RegisterScreenedClientAsync(frontDesk, location, given: given, family: "Startingsoon");
            booked.Add((location, await BookAtAsync(location, starts, frontDesk, client, therapist, "NMT-30"), given, starts));
        }

        StartingSoon = booked;
    }

    /// <summary>Intake answers that clear the screening (no finding at all).</summary>
    public static IReadOnlyDictionary<string, object> ClearAnswers { get; } = AnswerIntake.ClearAnswers("Sleep without shoulder pain");

    /// <summary>A client registered, intake answered (cleared) and consented, through intake.</summary>
    public static Task<Guid> RegisterScreenedClientAsync(
        HttpClient frontDesk, Guid location, IReadOnlyDictionary<string, object>? answersInstead = null, string given = "Robin", string family = "Endtoend")
    {
        var answers = new Dictionary<string, object>(ClearAnswers);
        foreach (var (question, answer) in answersInstead ?? new Dictionary<string, object>())
        {
            answers[question] = answer;
        }

        return PracticeBuilder.RegisterClientAsync(
            frontDesk,
            new RegisterClient(null, location, new ClientName(given, family), new DateOnly(1980, 6, 15), new ClientContact("robin@example.org")),
            new AnswerIntake(answers),
            GiveConsent.ToTreatment("Robin Endtoend", DateOnly.FromDateTime(DateTime.UtcNow)));
    }
}
