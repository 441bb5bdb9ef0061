using System.Net;
using Npgsql;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// Generated from the authorization matrix: every endpoint that names something of a location (in its
/// path, query or body), called by a role the matrix allows with another location's object the caller
/// has no relationship with, at the gateway and straight at the service's port: refused (403 or 404),
/// nothing written (no event carries the request's correlation id; for staff accounts, which the gateway
/// keeps, no allowed audit row, which every change writes) and an audit row of the refusal
/// (with that correlation id) in the service's own log. A new endpoint gets its case with its row.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class ObjectReferenceTests(RunningSystem system)
{
    /// <summary>The service behind a route, and the schema its events and audit log live in.</summary>
    private static readonly (string Prefix, string Service, string Schema)[] Services =
    [
        ("/api/scheduling/", "scheduling", "scheduling"),
        ("/api/intake/", "intake", "intake"),
        ("/api/treatments/", "treatment-records", "treatment_records"),
        ("/api/outcomes/", "outcome-reporting", "outcome_reporting"),
        ("/api/notifications/", "notifications", "notifications"),
        ("/api/staff", "gateway", "identity"),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in AuthorizationMatrixTests.Rows.Where(row => row.LocationScoped && !row.ChainWide))
        {
            data.Add(row.Method, row.Path, "gateway");
            data.Add(row.Method, row.Path, "service");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Another_locations_object_is_refused_writes_nothing_and_the_refusal_is_audited(string method, string path, string via)
    {
        var row = AuthorizationMatrixTests.Rows.Single(r => r.Method == method && r.Path == path);
        var (_, service, schema) = Services.Single(s => path.StartsWith(s.Prefix, StringComparison.Ordinal));

        // A role the matrix allows on its own location's objects; operations admins reach every location.
        var role = row.Roles.First(role => role != "operations-admin");
        var objects = await MatrixObjects.GetAsync(system);
        using var gatewayClient = await system.ClientForAsync(AuthorizationMatrixTests.Users[role]);
        using var direct = via == "service" ? new HttpClient { BaseAddress = system.Service(service).BaseAddress, Timeout = TimeSpan.FromSeconds(30) } : null;
        direct?.DefaultRequestHeaders.Authorization = gatewayClient.DefaultRequestHeaders.Authorization;
        var client = direct ?? gatewayClient;

        var correlationId = $"probe{Guid.NewGuid():N}";
        using var request = await row.Request(objects, E2EPractice.Cambridge);
        request.Headers.Add("X-Correlation-Id", correlationId);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var where = $"{role} {method} {path} on Cambridge's object via the {via}";
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{where} answered {(int)response.StatusCode}");
        await using var connection = new NpgsqlConnection(system.Database(service).ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        if (service != "gateway")
        {
            Assert.Equal(0L, await CountAsync(connection, $"select count(*) from {schema}.mt_events where correlation_id = @id", correlationId));
        }

        Assert.Equal(0L, await CountAsync(connection, $"select count(*) from {schema}.audit_log where correlation_id = @id and outcome = 'allowed'", correlationId));
        Assert.True(
            await CountAsync(connection, $"select count(*) from {schema}.audit_log where correlation_id = @id and outcome = 'denied' and user_id = @user", correlationId, gatewayClient.Subject()) > 0,
            $"{where} left no audit row of the refusal");
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, string correlationId, string? user = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", correlationId);
        if (user is not null)
        {
            command.Parameters.AddWithValue("user", user);
        }

        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
