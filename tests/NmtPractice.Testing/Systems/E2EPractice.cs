using System.Net.Http.Json;
using System.Text.Json;
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

    /// <summary>Every day 07:00-21:00.</summary>
    public static readonly object[] Week = [.. Enum.GetValues<DayOfWeek>().Select(day => new { day, from = "07:00", to = "21:00" })];

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
    /// real clock, so tests that need a started appointment take one of these and await its start
    /// (usually long past by the time they run).
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
        var availability = await asUser.GetFromJsonAsync<JsonElement>(
            $"api/scheduling/availability?locationId={location}&serviceCode={serviceCode}&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&therapistId={therapistId ?? Therapists[location]}");
        var earliest = DateTimeOffset.UtcNow + after;
        return availability.GetProperty("slots").EnumerateArray()
            .Select(slot => slot.GetProperty("startsAt").GetDateTimeOffset())
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

    public object Booking(Guid location, DateTimeOffset startsAt, Guid? appointmentId = null, Guid? clientId = null, Guid? therapistId = null, string serviceCode = "NMT-60") => new
    {
        appointmentId,
        clientId = clientId ?? Clients[location],
        locationId = location,
        therapistId = therapistId ?? Therapists[location],
        serviceCode,
        startsAt,
    };

    private async Task SetUpAsync()
    {
        using var admin = await System.ClientForAsync("ops.admin");
        await PostAsync(admin, "api/scheduling/services", new { code = "NMT-60", name = "NMT 60 minutes", durationMinutes = 60, bufferMinutes = 15, price = 95m, currency = "USD" });
        await PostAsync(admin, "api/scheduling/services", new { code = "NMT-30", name = "NMT 30 minutes", durationMinutes = 30, bufferMinutes = 0, price = 55m, currency = "USD" });
        var week = Week;
        foreach (var (location, name, desk) in new[] { (BackBay, "Back Bay", "frontdesk.backbay"), (Cambridge, "Cambridge", "frontdesk.cambridge") })
        {
            await PostAsync(admin, "api/scheduling/locations", new
            {
                locationId = location,
                name,
                address = new { line1 = "1 Main St", city = "Boston", region = "MA", postalCode = "02116", country = "US" },
                timeZone = ZoneId,
                openingHours = week,
            });
            Rooms[location] = Guid.CreateVersion7();
            await PostAsync(admin, $"api/scheduling/locations/{location}/rooms", new { roomId = Rooms[location], name = "Room 1" });
            await PostAsync(admin, $"api/scheduling/locations/{location}/rooms", new { name = "Room 2" });
            Therapists[location] = Guid.CreateVersion7();
            await PostAsync(admin, "api/scheduling/therapists", new { therapistId = Therapists[location], name = $"Therapist at {name}", services = new[] { "NMT-60", "NMT-30" } });
            (await admin.PutAsJsonAsync($"api/scheduling/therapists/{Therapists[location]}/locations/{location}/hours", new { hours = week })).EnsureSuccessStatusCode();

            if (location == BackBay)
            {
                SecondTherapistAtBackBay = Guid.CreateVersion7();
                await PostAsync(admin, "api/scheduling/therapists", new { therapistId = SecondTherapistAtBackBay, name = "Therapist two at Back Bay", services = new[] { "NMT-30" } });
                (await admin.PutAsJsonAsync($"api/scheduling/therapists/{SecondTherapistAtBackBay}/locations/{location}/hours", new { hours = week })).EnsureSuccessStatusCode();
            }

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
    public static IReadOnlyDictionary<string, object> ClearAnswers { get; } = new Dictionary<string, object>
    {
        ["fever"] = false, ["contagious_infection"] = false, ["contagious_skin_condition"] = false, ["dvt_signs"] = false,
        ["blood_pressure_uncontrolled"] = false, ["head_injury_not_cleared"] = false, ["emergency_signs"] = false,
        ["alcohol_or_drugs"] = false, ["cancer_treatment"] = false, ["bleeding_disorder"] = false, ["osteoporosis"] = false,
        ["diabetes"] = false, ["fragile_skin"] = false, ["anticoagulants"] = false, ["long_term_steroids"] = false,
        ["surgery_last_3_months"] = false, ["fracture_last_3_months"] = false, ["accident_last_6_weeks"] = false,
        ["pregnant"] = false, ["goals"] = "Sleep without shoulder pain",
    };

    /// <summary>A client registered, intake answered (cleared) and consented, through intake.</summary>
    public static async Task<Guid> RegisterScreenedClientAsync(
        HttpClient frontDesk, Guid location, IReadOnlyDictionary<string, object>? answersInstead = null, string given = "Robin", string family = "Endtoend")
    {
        using var registered = await frontDesk.PostAsJsonAsync("api/intake/clients", new
        {
            locationId = location,
            name = new { given, family },
            dateOfBirth = "1980-06-15",
            contact = new { email = "robin@example.org" },
        });
        registered.EnsureSuccessStatusCode();
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var answers = new Dictionary<string, object>(ClearAnswers);
        foreach (var (question, answer) in answersInstead ?? new Dictionary<string, object>())
        {
            answers[question] = answer;
        }

        (await frontDesk.PostAsJsonAsync($"api/intake/clients/{id}/intakes", new { answers })).EnsureSuccessStatusCode();
        (await frontDesk.PostAsJsonAsync($"api/intake/clients/{id}/consents", new
        {
            kind = "treatment", policyVersion = "2026-01", signerName = "Robin Endtoend", signerRelationship = "self",
            signedOn = DateTime.UtcNow.ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture),
        })).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
