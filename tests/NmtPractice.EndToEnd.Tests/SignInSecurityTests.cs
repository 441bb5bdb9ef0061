using System.Net;
using Npgsql;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// The login page gives away nothing about which user names exist, resists guessing without letting
/// anyone lock a colleague out of the sessions they have, and audits every attempt. Each test runs its
/// own identity server (a gateway with its own database and demo users) so that lockouts and throttles
/// touch no other test.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class SignInSecurityTests(RunningSystem system)
{
    private static readonly string[] KnownNames =
        ["frontdesk.backbay", "therapist.backbay", "manager.backbay", "frontdesk.cambridge", "therapist.cambridge"];

    [Fact]
    public async Task An_unknown_name_gets_the_same_status_message_and_time_as_a_wrong_password()
    {
        await using var identity = await IdentityServer.StartAsync(system, "signin-enumeration");
        var known = new List<LoginAttempt>();
        var unknown = new List<LoginAttempt>();

        // Interleaved, four wrong passwords per real account (below the lockout at five).
        for (var i = 0; i < 20; i++)
        {
            known.Add(await OidcSignIn.LoginAttemptAsync(identity.Gateway.BaseAddress, KnownNames[i % KnownNames.Length], $"wrong-{i}"));
            unknown.Add(await OidcSignIn.LoginAttemptAsync(identity.Gateway.BaseAddress, $"nobody.{Guid.NewGuid():N}", $"wrong-{i}"));
        }

        Assert.All(known.Concat(unknown), attempt => Assert.Equal(HttpStatusCode.Unauthorized, attempt.Status));
        Assert.Single(known.Concat(unknown).Select(attempt => attempt.Error).Distinct());
        var knownMedian = Median(known);
        var unknownMedian = Median(unknown);
        // Both pay for one password hash; without the dummy hash an unknown name answered in a tenth of the time.
        Assert.True(
            unknownMedian >= knownMedian * 0.6 && unknownMedian <= knownMedian * 1.6,
            $"median {unknownMedian.TotalMilliseconds:F0} ms for unknown names against {knownMedian.TotalMilliseconds:F0} ms for real ones");
    }

    [Fact]
    public async Task A_locked_account_answers_like_a_wrong_password_and_keeps_its_sessions()
    {
        await using var identity = await IdentityServer.StartAsync(system, "signin-lockout");
        var gateway = identity.Gateway.BaseAddress;
        var session = await OidcSignIn.SignInAsync(gateway, "manager.cambridge", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri, system.DemoAuthenticatorKey);

        var failures = new List<LoginAttempt>();
        for (var i = 0; i < 6; i++)
        {
            failures.Add(await OidcSignIn.LoginAttemptAsync(gateway, "manager.cambridge", $"guess-{i}"));
        }

        var rightPasswordWhileLocked = await OidcSignIn.LoginAttemptAsync(gateway, "manager.cambridge", system.DemoPassword);
        var (refreshed, tokens) = await OidcSignIn.RefreshAsync(gateway, session.RefreshToken!, "nmt-web");

        Assert.All(failures, attempt => Assert.Equal(HttpStatusCode.Unauthorized, attempt.Status));
        Assert.Equal((HttpStatusCode.Unauthorized, failures[0].Error), (rightPasswordWhileLocked.Status, rightPasswordWhileLocked.Error));
        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.False(string.IsNullOrEmpty(tokens?.AccessToken));

        var rows = await identity.AuditAsync();
        Assert.Equal(
            ["sign-in-password-ok-code-next", "sign-in-two-factor", "sign-in-wrong-password", "sign-in-wrong-password", "sign-in-wrong-password", "sign-in-wrong-password", "lockout", "sign-in-while-locked", "sign-in-while-locked"],
            rows.Select(row => row.Action));
        Assert.DoesNotContain(rows, row => row.Serialized.Contains("guess-", StringComparison.Ordinal) || row.Serialized.Contains(system.DemoPassword, StringComparison.Ordinal));
        Assert.All(rows.Skip(2), row => Assert.Equal("denied", row.Outcome));
    }

    [Fact]
    public async Task Attempts_are_throttled_by_name_known_or_not_and_by_client_address()
    {
        await using var identity = await IdentityServer.StartAsync(system, "signin-throttle", new Dictionary<string, string>
        {
            ["Identity__SignInPerName__PermitLimit"] = "3",
            ["Identity__SignInPerName__Window"] = "00:15:00",
            ["Identity__SignInPerAddress__PermitLimit"] = "8",
            ["Identity__SignInPerAddress__Window"] = "00:15:00",
        });
        var gateway = identity.Gateway.BaseAddress;
        var unknownName = $"nobody.{Guid.NewGuid():N}";

        var real = new List<LoginAttempt>();
        var invented = new List<LoginAttempt>();
        for (var i = 0; i < 4; i++)
        {
            real.Add(await OidcSignIn.LoginAttemptAsync(gateway, "therapist.chicago", $"guess-{i}"));
            invented.Add(await OidcSignIn.LoginAttemptAsync(gateway, unknownName, $"guess-{i}"));
        }

        // Eight attempts from this address so far: the ninth is refused whatever the name.
        var ninth = await OidcSignIn.LoginAttemptAsync(gateway, "frontdesk.chicago", system.DemoPassword);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
            real.Select(attempt => attempt.Status));
        Assert.Equal(real.Select(attempt => attempt.Status), invented.Select(attempt => attempt.Status));
        Assert.True(real[3].RetryAfter > TimeSpan.Zero, "a throttled attempt says when to retry");
        Assert.Equal(HttpStatusCode.TooManyRequests, ninth.Status);
        Assert.Equal(3, (await identity.AuditAsync()).Count(row => row.Action == "sign-in-throttled"));
    }

    [Fact]
    public async Task Pkce_with_a_plain_challenge_is_refused()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = system.Gateway.BaseAddress };
        var verifier = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var query = $"connect/authorize?client_id=nmt-web&redirect_uri={Uri.EscapeDataString(RunningSystem.RedirectUri.ToString())}" +
            $"&response_type=code&scope=openid%20nmt-api&code_challenge={verifier}&code_challenge_method=plain&state=s1";

        using var response = await browser.GetAsync(new Uri(query, UriKind.Relative), TestContext.Current.CancellationToken);

        // Refused before any sign-in: an error back to the client (or a 400), never the login page.
        var location = response.Headers.Location?.ToString() ?? string.Empty;
        Assert.DoesNotContain("account/login", location, StringComparison.Ordinal);
        Assert.True(
            response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=invalid_request", StringComparison.Ordinal),
            $"answered {(int)response.StatusCode} {location}");
    }

    private static TimeSpan Median(IEnumerable<LoginAttempt> attempts)
    {
        var sorted = attempts.Select(attempt => attempt.Elapsed).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>A gateway as identity server on a database of its own, in front of the running system's services.</summary>
    private sealed class IdentityServer : IAsyncDisposable
    {
        private IdentityServer(ServiceProcess gateway, ThrowawayDatabase database)
        {
            Gateway = gateway;
            Database = database;
        }

        public ServiceProcess Gateway { get; }

        public ThrowawayDatabase Database { get; }

        public static async Task<IdentityServer> StartAsync(RunningSystem system, string name, IReadOnlyDictionary<string, string>? settings = null)
        {
            var database = await ThrowawayDatabase.CreateAsync(name.Replace("-", string.Empty, StringComparison.Ordinal));
            var port = ServiceProcess.FreePort();
            var environment = new Dictionary<string, string>(system.ServiceRoutes)
            {
                ["ConnectionStrings__postgres"] = database.ConnectionString,
                ["Identity__Issuer"] = $"http://127.0.0.1:{port}/",
                ["Identity__RequireHttps"] = "false",
                ["Identity__DemoUsers__Password"] = system.DemoPassword,
                ["Identity__DemoUsers__AuthenticatorKey"] = system.DemoAuthenticatorKey,
                ["Identity__WebClient__RedirectUris__0"] = RunningSystem.RedirectUri.ToString(),
                ["Identity__SignInPerName__PermitLimit"] = "1000",
                ["Identity__SignInPerAddress__PermitLimit"] = "1000",
                ["Identity__ClientSignIn__CodeKey"] = system.SignInCodeKey,
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                environment[key] = value;
            }

            var gateway = new ServiceProcess(name, ServiceProcess.BuiltAssembly("gateway/NmtPractice.Gateway", "NmtPractice.Gateway"), port, environment, system.LogDirectory);
            gateway.Start();
            await gateway.WaitUntilReadyAsync();
            return new IdentityServer(gateway, database);
        }

        /// <summary>The sign-in audit, oldest first, each row also as one string (to look for what must never be there).</summary>
        public async Task<IReadOnlyList<(string Action, string Outcome, string Serialized)>> AuditAsync()
        {
            await using var connection = new NpgsqlConnection(Database.ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand(
                "select action, outcome, concat_ws('|', user_id, client_address, action, resource_type, resource_id, outcome, correlation_id) from identity.audit_log order by occurred_at, id",
                connection);
            var rows = new List<(string, string, string)>();
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }

            return rows;
        }

        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
