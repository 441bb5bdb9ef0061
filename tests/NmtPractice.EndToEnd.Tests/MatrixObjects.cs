using System.Net.Http.Json;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>What the authorization matrix acts on, at each of the two locations, made once per run (or fresh per case).</summary>
internal sealed class MatrixObjects
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<RunningSystem, MatrixObjects> Made = [];

    /// <summary>A complete, valid set of intake answers (anticoagulants: a clearance is needed).</summary>
    public static readonly Dictionary<string, object> Answers = new()
    {
        ["fever"] = false, ["contagious_infection"] = false, ["contagious_skin_condition"] = false, ["dvt_signs"] = false,
        ["blood_pressure_uncontrolled"] = false, ["head_injury_not_cleared"] = false, ["emergency_signs"] = false,
        ["alcohol_or_drugs"] = false, ["cancer_treatment"] = false, ["bleeding_disorder"] = false, ["osteoporosis"] = false,
        ["diabetes"] = false, ["fragile_skin"] = false, ["anticoagulants"] = true, ["long_term_steroids"] = false,
        ["surgery_last_3_months"] = false, ["fracture_last_3_months"] = false, ["accident_last_6_weeks"] = false,
        ["pregnant"] = false, ["goals"] = "Move without neck pain",
    };

    private RunningSystem System { get; init; } = null!;

    public required E2EPractice Practice { get; init; }

    public required IReadOnlyDictionary<Guid, Guid> Appointments { get; init; }

    public required IReadOnlyDictionary<Guid, Guid> Notes { get; init; }

    /// <summary>A client registered with intake at each location, with an intake needing a physician's clearance.</summary>
    public required IReadOnlyDictionary<Guid, Guid> Clients { get; init; }

    /// <summary>The ETag of each of those client records.</summary>
    public required IReadOnlyDictionary<Guid, string> ClientVersions { get; init; }

    public required IReadOnlyDictionary<Guid, Guid> WaitlistEntries { get; init; }

    /// <summary>
    /// A client of the chain registered at Cambridge (screened, consented, a note there) and then booked
    /// at Back Bay: Back Bay's staff reach their whole record, and change only what is Back Bay's.
    /// </summary>
    public required SharedClientObjects Shared { get; init; }

    public static async Task<MatrixObjects> GetAsync(RunningSystem system)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Made.TryGetValue(system, out var objects))
            {
                objects = await MakeAsync(system);
                Made[system] = objects;
            }

            return objects;
        }
        finally
        {
            Gate.Release();
        }
    }

    public Task<MatrixObjects> WithFreshRecordsAsync() => MakeAsync(System, Shared);

    /// <summary>A new appointment of <paramref name="client"/> at Back Bay, weeks ahead (for a case that cancels it).</summary>
    public async Task<Guid> FreshAppointmentOfAsync(Guid client)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        return await Practice.BookAtAsync(E2EPractice.BackBay, Practice.NextStart(), admin, client);
    }

    /// <summary>The shared client's current ETag, read as an operations admin.</summary>
    public async Task<string> SharedClientVersionAsync()
    {
        using var admin = await System.ClientForAsync("ops.admin");
        using var response = await admin.GetAsync($"api/intake/clients/{Shared.Client}");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    /// <summary>The ETag of the location's message rules, read as an operations admin; null before they were first set (no If-Match then).</summary>
    public async Task<string?> MessageRulesVersionAsync(Guid location)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        using var response = await admin.GetAsync($"api/notifications/locations/{location}/message-rules");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag is "\"0\"" ? null : response.Headers.ETag.Tag;
    }

    /// <summary>A message text any kind may use.</summary>
    public static readonly object TemplateText = new { subject = "From {location}", body = "A message from {location}.", sms = "{location}: a message." };

    /// <summary>The ETag of a message text of the location (the chain's, for null), read as an operations admin; null before it was first written (no If-Match then).</summary>
    public async Task<string?> TemplateVersionAsync(Guid? location, string kind, string language)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        var texts = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>(location is { } id ? $"api/notifications/locations/{id}/templates" : "api/notifications/templates");
        var version = texts.GetProperty("templates").EnumerateArray()
            .Single(t => t.GetProperty("kind").GetString() == kind && t.GetProperty("language").GetString() == language).GetProperty("version").GetInt64();
        return version == 0 ? null : $"\"{version}\"";
    }

    /// <summary>A message text written as an operations admin (for one call to put back); its ETag.</summary>
    public async Task<string> WrittenTemplateVersionAsync(Guid? location, string kind, string language)
    {
        var path = location is { } id ? $"api/notifications/locations/{id}/templates/{kind}/{language}" : $"api/notifications/templates/{kind}/{language}";
        var version = await TemplateVersionAsync(location, kind, language);
        using var admin = await System.ClientForAsync("ops.admin");
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(TemplateText) };
        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", version);
        }

        using var response = await admin.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    /// <summary>The location's current ETag, read as an operations admin.</summary>
    public async Task<string> LocationVersionAsync(Guid location)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        using var response = await admin.GetAsync($"api/scheduling/locations/{location}");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    /// <summary>A one-day closure, years ahead, scheduled for one call to change it, as an operations admin; its id and day.</summary>
    public async Task<(Guid Closure, string Day)> FreshClosureAsync(Guid location)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        var day = DateOnly.FromDateTime(Epoch).AddDays(FarDayNoSeriesMeets()).ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture);
        using var response = await admin.PostAsJsonAsync($"api/scheduling/locations/{location}/closures", new { from = day, to = day, reason = "Matrix" });
        response.EnsureSuccessStatusCode();
        var closures = (await response.Content.ReadFromJsonAsync<global::System.Text.Json.JsonElement>()).GetProperty("closures").EnumerateArray();
        return (closures.Last(c => c.GetProperty("from").GetString() == day).GetProperty("id").GetGuid(), day);
    }

    /// <summary>An hour of time off, years ahead, booked for one call to change it, as an operations admin; its id and start.</summary>
    public async Task<(Guid TimeOff, DateTimeOffset From)> FreshTimeOffAsync(Guid therapist)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        var from = new DateTimeOffset(Epoch.AddDays(FarDayNoSeriesMeets()).AddHours(Random.Shared.Next(24)), TimeSpan.Zero);
        using var response = await admin.PostAsJsonAsync($"api/scheduling/therapists/{therapist}/time-off", new { from, to = from.AddHours(1), reason = "Matrix" });
        response.EnsureSuccessStatusCode();
        var timeOff = (await response.Content.ReadFromJsonAsync<global::System.Text.Json.JsonElement>()).GetProperty("therapist").GetProperty("timeOff").EnumerateArray();
        return (timeOff.Last(t => t.GetProperty("from").GetDateTimeOffset() == from).GetProperty("id").GetGuid(), from);
    }

    /// <summary>A front desk of the location invited for one call to change their account, as an operations admin; their id and ETag.</summary>
    public async Task<(string Id, string ETag)> FreshStaffAsync(Guid location)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        using var invited = await admin.PostAsJsonAsync("api/staff/invitations", new
        {
            email = $"matrix.{Guid.NewGuid():N}@example.org",
            displayName = "Matrix Staff",
            roles = new[] { new { locationId = location, role = "front-desk" } },
        });
        invited.EnsureSuccessStatusCode();
        var id = (await invited.Content.ReadFromJsonAsync<global::System.Text.Json.JsonElement>()).GetProperty("member").GetProperty("id").GetString()!;
        using var read = await admin.GetAsync($"api/staff/{id}");
        read.EnsureSuccessStatusCode();
        return (id, read.Headers.ETag!.Tag);
    }

    private static readonly global::System.Collections.Concurrent.ConcurrentDictionary<Guid, Lazy<Task<Guid>>> AccountTherapists = new();

    /// <summary>
    /// A therapist profile of the location kept for linking and unlinking staff accounts (so that no
    /// case, hostile ones included, touches the profiles other tests sign in as): created once, working a
    /// quarter hour on Sunday evenings, too short for any service.
    /// </summary>
    public Task<Guid> AccountTherapistAsync(Guid location) =>
        AccountTherapists.GetOrAdd(location, _ => new Lazy<Task<Guid>>(async () =>
        {
            using var admin = await System.ClientForAsync("ops.admin");
            using var registered = await admin.PostAsJsonAsync("api/scheduling/therapists", new { name = "Account links (matrix)", services = new[] { "NMT-30" } });
            registered.EnsureSuccessStatusCode();
            var id = (await registered.Content.ReadFromJsonAsync<global::System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
            using var hours = await admin.PutAsJsonAsync(
                $"api/scheduling/therapists/{id}/locations/{location}/hours",
                new { hours = new[] { new NmtPractice.Testing.Practice.DayHours(DayOfWeek.Sunday, new TimeOnly(20, 45), new TimeOnly(21, 0)) } });
            hours.EnsureSuccessStatusCode();
            return id;
        })).Value;

    /// <summary>
    /// The location's kept profile (<see cref="AccountTherapistAsync"/>) with a leaving of the location
    /// planned, years ahead, as an operations admin, for one call to read or call it off; the profile.
    /// </summary>
    public async Task<Guid> LeavingTherapistAsync(Guid location)
    {
        var therapist = await AccountTherapistAsync(location);
        using var admin = await System.ClientForAsync("ops.admin");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/scheduling/therapists/{therapist}/locations/{location}/leaving")
        {
            Content = JsonContent.Create(new { leavesOn = LeavingDay() }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", await TherapistVersionAsync(therapist));
        using var response = await admin.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return therapist;
    }

    /// <summary>A day a year or more ahead for a leaving, different at each call.</summary>
    public static string LeavingDay() =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(400 + Random.Shared.Next(300)).ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture);

    private static int _seriesCount;

    /// <summary>The day the far-ahead days of the run count from (fixed, so that a run across midnight keeps them apart).</summary>
    private static readonly DateTime Epoch = DateTime.UtcNow.Date;

    /// <summary>
    /// The first start of a new weekly series of two, years ahead and a fortnight after the last one, so
    /// that no two series meet: 11:00 at the clinics (whose zone depends on when the run starts), inside
    /// their opening hours at any hour of the day the run starts.
    /// </summary>
    public static DateTimeOffset SeriesStart()
    {
        var local = DateTime.SpecifyKind(Epoch.AddDays(1000 + (14 * Interlocked.Increment(ref _seriesCount))).AddHours(11), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, E2EPractice.Zone.GetUtcOffset(local));
    }

    /// <summary>
    /// Days ahead, 800 to 2800, for a closure or time off that a call leaves in place: never a day a
    /// series falls on (1000 + 7k days ahead, local) or is moved to (a day later), nor the UTC days
    /// either side of those (time off is set in UTC), which the series would refuse.
    /// </summary>
    private static int FarDayNoSeriesMeets()
    {
        var days = 800 + Random.Shared.Next(2000);
        while ((((days - 1000) % 7) + 7) % 7 is 6 or 0 or 1 or 2)
        {
            days++;
        }

        return days;
    }

    /// <summary>A weekly series of two for the location's client, booked as an operations admin for one call to read or change it; its id, first appointment and that one's start.</summary>
    public async Task<(Guid Series, Guid First, DateTimeOffset StartsAt)> FreshSeriesAsync(Guid location)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        using var response = await admin.PostAsJsonAsync("api/scheduling/appointment-series", new
        {
            clientId = Practice.Clients[location], locationId = location, therapistId = Practice.Therapists[location], serviceCode = "NMT-60", startsAt = SeriesStart(), times = 2,
        });
        var series = await response.Content.ReadFromJsonAsync<global::System.Text.Json.JsonElement>();
        if (!response.IsSuccessStatusCode || series.GetProperty("occurrences")[0].GetProperty("appointment").ValueKind != global::System.Text.Json.JsonValueKind.Object)
        {
            throw new InvalidOperationException($"The matrix's series was not booked ({(int)response.StatusCode}): {series}");
        }

        var first = series.GetProperty("occurrences")[0].GetProperty("appointment");
        return (series.GetProperty("seriesId").GetGuid(), first.GetProperty("id").GetGuid(), first.GetProperty("startsAt").GetDateTimeOffset());
    }

    /// <summary>A service defined for one call to change it, as an operations admin; its code.</summary>
    public async Task<string> FreshServiceAsync()
    {
        using var admin = await System.ClientForAsync("ops.admin");
        var code = $"M-{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        using var response = await admin.PostAsJsonAsync("api/scheduling/services", new { code, name = "Trial", durationMinutes = 30, price = 10m, currency = "USD" });
        response.EnsureSuccessStatusCode();
        return code;
    }

    /// <summary>A room added to the location for one call to retire it, as an operations admin.</summary>
    public async Task<Guid> FreshRoomAsync(Guid location)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        var room = Guid.CreateVersion7();
        using var response = await admin.PostAsJsonAsync($"api/scheduling/locations/{location}/rooms", new { roomId = room, name = $"Spare {room:N}" });
        response.EnsureSuccessStatusCode();
        return room;
    }

    public async Task<string> TherapistVersionAsync(Guid therapist)
    {
        using var admin = await System.ClientForAsync("ops.admin");
        using var response = await admin.GetAsync($"api/scheduling/therapists/{therapist}");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    private static async Task<MatrixObjects> MakeAsync(RunningSystem system, SharedClientObjects? shared = null)
    {
        var practice = await E2EPractice.OfAsync(system);
        var appointments = new Dictionary<Guid, Guid>();
        var entries = new Dictionary<Guid, Guid>();
        foreach (var (location, desk) in new[] { (E2EPractice.BackBay, "frontdesk.backbay"), (E2EPractice.Cambridge, "frontdesk.cambridge") })
        {
            appointments[location] = await practice.BookAsync(location);
            var day = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture);
            using var frontDesk = await system.ClientForAsync(desk);
            using var joined = await frontDesk.PostAsJsonAsync("api/scheduling/waitlist", new { clientId = practice.Clients[location], locationId = location, serviceCode = "NMT-30", from = day, to = day });
            entries[location] = await IdAsync(joined);
        }

        var (clients, versions) = await RegisterClientsAsync(system);
        return new MatrixObjects
        {
            System = system,
            Practice = practice,
            Appointments = appointments,
            Notes = await OpenNotesAsync(system, practice),
            Clients = clients,
            ClientVersions = versions,
            WaitlistEntries = entries,
            Shared = shared ?? await SharedClientAsync(system, practice),
        };
    }

    /// <summary>Registers the shared client at Cambridge, opens a note there, books them at Back Bay, and waits until Back Bay reaches their record.</summary>
    private static async Task<SharedClientObjects> SharedClientAsync(RunningSystem system, E2EPractice practice)
    {
        using var cambridgeDesk = await system.ClientForAsync("frontdesk.cambridge");
        using var backBayDesk = await system.ClientForAsync("frontdesk.backbay");
        using var backBayTherapist = await system.ClientForAsync("therapist.backbay");
        var client = await E2EPractice.RegisterScreenedClientAsync(cambridgeDesk, E2EPractice.Cambridge, given: "Sasha", family: "Chainclient");
        var note = await OpenNoteAsync(system, client, E2EPractice.Cambridge);
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, practice.NextStart(), backBayDesk, client);
        await Eventually.UntilAsync("Back Bay to reach the shared client's intake and notes", async () =>
        {
            using var screening = await backBayTherapist.GetAsync($"api/intake/clients/{client}/screening");
            using var read = await backBayTherapist.GetAsync($"api/treatments/sessions/{note}");
            return screening.IsSuccessStatusCode && read.IsSuccessStatusCode;
        });
        return new SharedClientObjects(client, note, appointment);
    }

    private static async Task<Dictionary<Guid, Guid>> OpenNotesAsync(RunningSystem system, E2EPractice practice)
    {
        var ids = new Dictionary<Guid, Guid>();
        foreach (var location in new[] { E2EPractice.BackBay, E2EPractice.Cambridge })
        {
            ids[location] = await OpenNoteAsync(system, practice, location);
        }

        return ids;
    }

    /// <summary>A new note for the location's screened client, opened by the location's therapist (version 1).</summary>
    public Task<Guid> FreshNoteAsync(Guid location) => OpenNoteAsync(System, Practice.Clients[location], location);

    private static Task<Guid> OpenNoteAsync(RunningSystem system, E2EPractice practice, Guid location) => OpenNoteAsync(system, practice.Clients[location], location);

    /// <summary>Opens a note for a client at the location, retrying while treatment records has not yet heard of the client's screening.</summary>
    private static async Task<Guid> OpenNoteAsync(RunningSystem system, Guid client, Guid location)
    {
        using var therapist = await system.ClientForAsync(location == E2EPractice.BackBay ? "therapist.backbay" : "therapist.cambridge");
        var id = Guid.Empty;
        await Eventually.UntilAsync("treatment records to open a note for the screened client", async () =>
        {
            using var response = await therapist.PostAsJsonAsync("api/treatments/sessions", new { clientId = client, locationId = location });
            if (response.IsSuccessStatusCode)
            {
                id = await IdAsync(response);
                return true;
            }

            var problem = await response.Content.ReadAsStringAsync();
            return problem.Contains("screening-unknown", StringComparison.Ordinal)
                ? false
                : throw new ProbeAbortedException($"Opening a note failed with {(int)response.StatusCode}: {problem}");
        });
        return id;
    }

    private static async Task<(Dictionary<Guid, Guid> Ids, Dictionary<Guid, string> Versions)> RegisterClientsAsync(RunningSystem system)
    {
        var ids = new Dictionary<Guid, Guid>();
        var versions = new Dictionary<Guid, string>();
        foreach (var (location, desk) in new[] { (E2EPractice.BackBay, "frontdesk.backbay"), (E2EPractice.Cambridge, "frontdesk.cambridge") })
        {
            using var client = await system.ClientForAsync(desk);
            using var registered = await client.PostAsJsonAsync("api/intake/clients", new
            {
                locationId = location,
                name = new { given = "Robin", family = "Matrix" },
                dateOfBirth = "1979-03-04",
                contact = new { email = "robin.matrix@example.org" },
            });
            var id = await IdAsync(registered);
            using var answered = await client.PostAsJsonAsync($"api/intake/clients/{id}/intakes", new { answers = Answers });
            answered.EnsureSuccessStatusCode();
            ids[location] = id;
            versions[location] = answered.Headers.ETag!.Tag;
        }

        return (ids, versions);
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Setting up the matrix failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.IdOfAsync();
    }
}

/// <summary>The chain client the matrix reaches from Back Bay: registered and noted at Cambridge, booked at Back Bay.</summary>
internal sealed record SharedClientObjects(Guid Client, Guid Note, Guid Appointment);
