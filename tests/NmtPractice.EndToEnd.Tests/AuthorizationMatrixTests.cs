using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// Every endpoint x role x own/other location -> allowed or refused, through the gateway against the
/// real services. An endpoint a service documents without a row here fails the build.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class AuthorizationMatrixTests(RunningSystem system)
{
    private static readonly Guid Own = Guid.Parse("0194f3a0-0000-7000-8000-00000000a001");   // Back Bay: the users' location
    private static readonly Guid Other = Guid.Parse("0194f3a0-0000-7000-8000-00000000a002"); // Cambridge

    /// <summary>The demo user of each role at Back Bay (operations admins work everywhere).</summary>
    private static readonly Dictionary<string, string> Users = new()
    {
        ["front-desk"] = "frontdesk.backbay",
        ["therapist"] = "therapist.backbay",
        ["clinic-manager"] = "manager.backbay",
        ["operations-admin"] = "ops.admin",
    };

    /// <summary>One row per endpoint: who may call it, and how to call it on something at a location.</summary>
    private static readonly MatrixRow[] Rows =
    [
        new("POST", "/api/scheduling/appointments", ["front-desk", "clinic-manager", "operations-admin"], LocationScoped: true,
            (fixture, location) => Post("api/scheduling/appointments", Booking(location))),
        new("GET", "/api/scheduling/appointments/{id}", ["front-desk", "therapist", "clinic-manager", "operations-admin"], LocationScoped: true,
            (fixture, location) => Get($"api/scheduling/appointments/{fixture.Appointments[location]}")),
        new("GET", "/api/outcomes/operations/daily-bookings", ["clinic-manager", "operations-admin"], LocationScoped: true,
            (fixture, location) => Get($"api/outcomes/operations/daily-bookings?from=2030-01-01&to=2030-01-31&locationId={location}")),
        new("POST", "/api/treatments/sessions", ["therapist"], LocationScoped: true,
            (fixture, location) => Post("api/treatments/sessions", new { clientId = Guid.CreateVersion7(), locationId = location })),
        new("GET", "/api/treatments/sessions/{id}", ["therapist", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Get($"api/treatments/sessions/{fixture.Notes[location]}")),
        new("PUT", "/api/treatments/sessions/{id}/subjective", ["therapist"], LocationScoped: true,
            (fixture, location) => Put($"api/treatments/sessions/{fixture.Notes[location]}/subjective", new { chiefComplaint = "Neck pain", painBefore = 5 }, ifMatch: "\"1\"")),
        new("GET", "/api/treatments/audit", ["operations-admin"], LocationScoped: false,
            (fixture, location) => Get($"api/treatments/audit?from={Now(-1)}&to={Now(1)}")),
        new("GET", "/api/intake/audit", ["operations-admin"], LocationScoped: false,
            (fixture, location) => Get($"api/intake/audit?from={Now(-1)}&to={Now(1)}")),

        new("POST", "/api/intake/clients", ["front-desk", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Post("api/intake/clients", Registration(location))),
        new("GET", "/api/intake/clients/{id}", ["front-desk", "therapist", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Get($"api/intake/clients/{fixture.Clients[location]}")),
        new("PUT", "/api/intake/clients/{id}", ["front-desk", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Put($"api/intake/clients/{fixture.Clients[location]}", new
            {
                name = new { given = "Robin", family = "Matrix" },
                dateOfBirth = "1979-03-04",
                contact = new { phone = "+1 617 555 0142" },
            }, ifMatch: fixture.ClientVersions[location])),
        new("POST", "/api/intake/clients/{id}/intakes", ["front-desk", "therapist", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Post($"api/intake/clients/{fixture.Clients[location]}/intakes", new { answers = MatrixObjects.Answers })),
        new("GET", "/api/intake/clients/{id}/intakes/latest", ["therapist", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Get($"api/intake/clients/{fixture.Clients[location]}/intakes/latest")),
        new("GET", "/api/intake/clients/{id}/intakes/{version}", ["therapist", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Get($"api/intake/clients/{fixture.Clients[location]}/intakes/1")),
        new("POST", "/api/intake/clients/{id}/consents", ["front-desk", "therapist", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Post($"api/intake/clients/{fixture.Clients[location]}/consents", new
            {
                kind = "privacy", policyVersion = "2026-01", signerName = "Robin Matrix", signerRelationship = "self",
                signedOn = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            })),
        new("POST", "/api/intake/clients/{id}/clearances", ["therapist", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Post($"api/intake/clients/{fixture.Clients[location]}/clearances", new
            {
                physicianName = "Dr. Ames",
                clearedOn = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                expiresOn = DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            })),
        new("GET", "/api/intake/clients/{id}/screening", ["therapist", "clinic-manager"], LocationScoped: true,
            (fixture, location) => Get($"api/intake/clients/{fixture.Clients[location]}/screening")),
        new("GET", "/api/intake/questionnaire", ["front-desk", "therapist", "clinic-manager", "operations-admin"], LocationScoped: false,
            (fixture, location) => Get("api/intake/questionnaire")),
        new("GET", "/api/intake/body-regions", ["front-desk", "therapist", "clinic-manager", "operations-admin"], LocationScoped: false,
            (fixture, location) => Get("api/intake/body-regions")),
        new("GET", "/api/intake/screening-rules", ["therapist", "clinic-manager", "operations-admin"], LocationScoped: false,
            (fixture, location) => Get("api/intake/screening-rules")),
    ];

    public static TheoryData<string, string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var row in Rows)
        {
            foreach (var role in Users.Keys)
            {
                data.Add(row.Method, row.Path, role, true);
                if (row.LocationScoped)
                {
                    data.Add(row.Method, row.Path, role, false);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_is_allowed_exactly_what_the_matrix_says(string method, string path, string role, bool ownLocation)
    {
        var row = Rows.Single(r => r.Method == method && r.Path == path);
        var objects = await MatrixObjects.GetAsync(system);
        using var client = await system.ClientForAsync(Users[role]);
        var allowed = row.Roles.Contains(role) && (ownLocation || !row.LocationScoped || role == "operations-admin");

        // A PUT changes the record's version: each such case gets fresh records.
        var target = method == "PUT" ? await objects.WithFreshRecordsAsync(system) : objects;
        using var request = row.Request(target, ownLocation ? Own : Other);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        if (allowed)
        {
            Assert.True(response.IsSuccessStatusCode, $"{role} {method} {path} ({(ownLocation ? "own" : "other")} location) should succeed, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    public static TheoryData<string, string> Endpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Rows)
        {
            data.Add(row.Method, row.Path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_token_the_gateway_answers_401(string method, string path)
    {
        var row = Rows.Single(r => r.Method == method && r.Path == path);
        var objects = await MatrixObjects.GetAsync(system);
        using var anonymous = system.CreateGatewayClient();
        using var request = row.Request(objects, Own);

        using var response = await anonymous.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_documented_endpoint_has_a_row_in_the_matrix()
    {
        var documented = new List<string>();
        foreach (var service in system.ServiceProcesses())
        {
            using var client = new HttpClient { BaseAddress = service.BaseAddress };
            var document = await client.GetFromJsonAsync<JsonElement>("openapi/v1.json", TestContext.Current.CancellationToken);
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
                {
                    documented.Add($"{operation.Name.ToUpperInvariant()} {Normalise(path.Name)}");
                }
            }
        }

        var rows = Rows.Select(row => $"{row.Method} {Normalise(row.Path)}").ToHashSet();
        Assert.NotEmpty(documented);
        Assert.All(documented, endpoint => Assert.True(rows.Contains(endpoint), $"{endpoint} has no row in the authorization matrix"));
    }

    /// <summary>Route parameters compare by position, not name: <c>/a/{id}</c> equals <c>/a/{noteId}</c>.</summary>
    private static string Normalise(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path.TrimEnd('/'), "\\{[^}]+\\}", "{}", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string Now(int hours) => Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(hours).ToString("O"));

    private static object Registration(Guid location) => new
    {
        locationId = location,
        name = new { given = "Robin", family = "Matrix" },
        dateOfBirth = "1979-03-04",
        contact = new { email = "robin.matrix@example.org" },
    };

    private static object Booking(Guid location) => new
    {
        clientId = Guid.CreateVersion7(),
        locationId = location,
        therapistId = Guid.CreateVersion7(),
        serviceCode = "NMT-60",
        startsAt = new DateTimeOffset(DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(20).AddHours(14), DateTimeKind.Unspecified), TimeSpan.FromHours(-5)),
        durationMinutes = 60,
    };

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Put(string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private sealed record MatrixRow(string Method, string Path, string[] Roles, bool LocationScoped, Func<MatrixObjects, Guid, HttpRequestMessage> Request);
}

/// <summary>An appointment and a session note at each of the two locations, made once per run.</summary>
internal sealed class MatrixObjects
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<RunningSystem, MatrixObjects> Made = [];

    public required IReadOnlyDictionary<Guid, Guid> Appointments { get; init; }

    public required IReadOnlyDictionary<Guid, Guid> Notes { get; init; }

    /// <summary>A registered client at each location, with an intake needing a physician's clearance.</summary>
    public required IReadOnlyDictionary<Guid, Guid> Clients { get; init; }

    /// <summary>The ETag of each of those client records.</summary>
    public IReadOnlyDictionary<Guid, string> ClientVersions { get; private init; } = new Dictionary<Guid, string>();

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

    public static async Task<MatrixObjects> GetAsync(RunningSystem system)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Made.TryGetValue(system, out var objects))
            {
                var clients = await RegisterClientsAsync(system);
                objects = new MatrixObjects { Appointments = await BookAsync(system), Notes = await OpenNotesAsync(system), Clients = clients.Ids, ClientVersions = clients.Versions };
                Made[system] = objects;
            }

            return objects;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<MatrixObjects> WithFreshRecordsAsync(RunningSystem system)
    {
        var clients = await RegisterClientsAsync(system);
        return new() { Appointments = Appointments, Notes = await OpenNotesAsync(system), Clients = clients.Ids, ClientVersions = clients.Versions };
    }

    private static async Task<(Dictionary<Guid, Guid> Ids, Dictionary<Guid, string> Versions)> RegisterClientsAsync(RunningSystem system)
    {
        var ids = new Dictionary<Guid, Guid>();
        var versions = new Dictionary<Guid, string>();
        foreach (var (location, desk) in new[]
        {
            (Guid.Parse("0194f3a0-0000-7000-8000-00000000a001"), "frontdesk.backbay"),
            (Guid.Parse("0194f3a0-0000-7000-8000-00000000a002"), "frontdesk.cambridge"),
        })
        {
            using var client = await system.ClientForAsync(desk);
            using var registered = await client.PostAsJsonAsync("api/intake/clients", new
            {
                locationId = location,
                name = new { given = "Robin", family = "Matrix" },
                dateOfBirth = "1979-03-04",
                contact = new { email = "robin.matrix@example.org" },
            });
            registered.EnsureSuccessStatusCode();
            var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            using var answered = await client.PostAsJsonAsync($"api/intake/clients/{id}/intakes", new { answers = Answers });
            answered.EnsureSuccessStatusCode();
            ids[location] = id;
            versions[location] = answered.Headers.ETag!.Tag;
        }

        return (ids, versions);
    }

    private static async Task<IReadOnlyDictionary<Guid, Guid>> BookAsync(RunningSystem system)
    {
        using var admin = await system.ClientForAsync("ops.admin");
        var ids = new Dictionary<Guid, Guid>();
        foreach (var location in new[] { Guid.Parse("0194f3a0-0000-7000-8000-00000000a001"), Guid.Parse("0194f3a0-0000-7000-8000-00000000a002") })
        {
            using var response = await admin.PostAsJsonAsync("api/scheduling/appointments", new
            {
                clientId = Guid.CreateVersion7(),
                locationId = location,
                therapistId = Guid.CreateVersion7(),
                serviceCode = "NMT-90",
                startsAt = new DateTimeOffset(DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(21).AddHours(9), DateTimeKind.Unspecified), TimeSpan.FromHours(-5)),
                durationMinutes = 90,
            });
            response.EnsureSuccessStatusCode();
            ids[location] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        return ids;
    }

    private static async Task<IReadOnlyDictionary<Guid, Guid>> OpenNotesAsync(RunningSystem system)
    {
        var ids = new Dictionary<Guid, Guid>();
        foreach (var (location, therapist) in new[]
        {
            (Guid.Parse("0194f3a0-0000-7000-8000-00000000a001"), "therapist.backbay"),
            (Guid.Parse("0194f3a0-0000-7000-8000-00000000a002"), "therapist.cambridge"),
        })
        {
            using var client = await system.ClientForAsync(therapist);
            using var response = await client.PostAsJsonAsync("api/treatments/sessions", new { clientId = Guid.CreateVersion7(), locationId = location });
            response.EnsureSuccessStatusCode();
            ids[location] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        return ids;
    }
}
