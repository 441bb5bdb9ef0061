using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Npgsql;
using NmtPractice.Contracts.Security;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>Sign-in, tokens, rate and size limits, headers, CORS and the audit of note reads, through the gateway.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class GatewaySecurityTests(RunningSystem system)
{
    [Fact]
    public async Task A_burst_from_one_user_gets_429_with_retry_after_while_other_users_go_on()
    {
        const int limit = 30;
        await using var gateway = await StartExternalGatewayAsync(
            "gateway-user-limit",
            new Dictionary<string, string> { ["Edge__PerUser__PermitLimit"] = $"{limit}", ["Edge__PerUser__Window"] = "00:01:00" });
        var bursting = (await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, "frontdesk.chicago", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri)).AccessToken;
        var other = (await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, "frontdesk.cambridge", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri)).AccessToken;
        using var burstingClient = new HttpClient { BaseAddress = gateway.BaseAddress }.WithToken(bursting);
        using var otherClient = new HttpClient { BaseAddress = gateway.BaseAddress }.WithToken(other);

        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < limit + 5; i++)
        {
            using var response = await burstingClient.GetAsync($"api/scheduling/appointments/{Guid.CreateVersion7()}", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter ??= response.Headers.GetValues("Retry-After").Single();
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(limit, statuses.Count(status => status == HttpStatusCode.NotFound));
        Assert.Equal(5, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
        Assert.True(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        using var unaffected = await otherClient.GetAsync($"api/scheduling/appointments/{Guid.CreateVersion7()}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unaffected.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        using var client = await system.ClientForAsync("frontdesk.backbay");
        using var huge = new StringContent($"{{\"serviceCode\":\"{new string('x', 2 * 1024 * 1024)}\"}}", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("api/scheduling/appointments", huge, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Every_service_port_refuses_a_body_over_its_limit_with_413_and_serves_no_openapi_without_a_token()
    {
        using var admin = await system.ClientForAsync("ops.admin");
        foreach (var service in system.ServiceProcesses())
        {
            using var direct = new HttpClient { BaseAddress = service.BaseAddress };
            using var anonymous = await direct.GetAsync("openapi/v1.json", TestContext.Current.CancellationToken);
            direct.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
            // As a well-behaved client sends a large body: the refusal comes before the body is sent,
            // instead of racing the server closing the connection under a body still being written.
            direct.DefaultRequestHeaders.ExpectContinue = true;
            using var huge = new StringContent($"{{\"note\":\"{new string('x', 2 * 1024 * 1024)}\"}}", System.Text.Encoding.UTF8, "application/json");

            using var response = await direct.PostAsync($"{service.Name}-refused-before-routing", huge, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_are_not_cached()
    {
        using var client = await system.ClientForAsync("frontdesk.backbay");

        using var response = await client.GetAsync($"api/scheduling/appointments/{Guid.CreateVersion7()}", TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData(RunningSystem.AllowedOrigin, true)]
    [InlineData("https://evil.example", false)]
    public async Task Cross_origin_calls_are_allowed_only_from_the_ui_origin(string origin, bool allowed)
    {
        using var anonymous = system.CreateGatewayClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/scheduling/appointments");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await anonymous.SendAsync(preflight, TestContext.Current.CancellationToken);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) && origins.Single() == origin);
    }

    [Fact]
    public async Task Reading_a_note_through_the_gateway_leaves_an_audit_row_with_who_and_from_where()
    {
        var objects = await MatrixObjects.GetAsync(system);
        var id = await objects.FreshNoteAsync(E2EPractice.BackBay);
        using var therapist = await system.ClientForAsync("therapist.backbay");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/treatments/sessions/{id}");
        request.Headers.Add("X-Correlation-Id", "audit-e2e-1");
        using var read = await therapist.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var subject = (await read.ReadAsync<SessionNoteView>()).OpenedBy;

        await using var connection = new NpgsqlConnection(system.Database("treatment-records").ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "select user_id, client_address, outcome, correlation_id, roles from treatment_records.audit_log where resource_id = @id and action = 'read'",
            connection);
        command.Parameters.AddWithValue("id", id.ToString());
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken), "no audit row for the read");
        Assert.Equal(subject, reader.GetString(0));
        Assert.Equal("127.0.0.1", reader.GetString(1));
        Assert.Equal("allowed", reader.GetString(2));
        Assert.Equal("audit-e2e-1", reader.GetString(3));
        Assert.Equal([NmtRoles.Therapist], reader.GetFieldValue<string[]>(4));
        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken), "one read, one row");
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_is_ignored_and_the_services_trust_only_the_gateways_address()
    {
        var objects = await MatrixObjects.GetAsync(system);
        var id = await objects.FreshNoteAsync(E2EPractice.BackBay);
        using var therapist = await system.ClientForAsync("therapist.backbay");
        var service = system.Service("treatment-records").BaseAddress;

        async Task ReadAsync(HttpClient client, Uri address, string correlation, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, $"api/treatments/sessions/{id}"));
            request.Headers.Authorization = therapist.DefaultRequestHeaders.Authorization;
            request.Headers.Add("X-Correlation-Id", correlation);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var run = Guid.NewGuid().ToString("N");
        using (var local = new HttpClient())
        {
            // Any local caller, through the gateway or straight at the service port, writing its own header.
            await ReadAsync(local, system.Gateway.BaseAddress, $"xff-gateway-{run}", "203.0.113.7");
            await ReadAsync(local, service, $"xff-direct-{run}", "203.0.113.8");
        }

        // The gateway's own outbound address is trusted: the header it writes is what the audit records.
        using (var fromGateway = new HttpClient(new SocketsHttpHandler { ConnectCallback = ConnectFromGatewayAddressAsync }))
        {
            await ReadAsync(fromGateway, service, $"xff-proxy-{run}", "198.51.100.4");
        }

        await using var connection = new NpgsqlConnection(system.Database("treatment-records").ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "select correlation_id, client_address from treatment_records.audit_log where resource_id = @id and action = 'read' and correlation_id like @run",
            connection);
        command.Parameters.AddWithValue("id", id.ToString());
        command.Parameters.AddWithValue("run", $"%-{run}");
        var addresses = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                addresses[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Equal(
            new Dictionary<string, string>
            {
                [$"xff-gateway-{run}"] = "127.0.0.1",
                [$"xff-direct-{run}"] = "127.0.0.1",
                [$"xff-proxy-{run}"] = "198.51.100.4",
            },
            addresses);
    }

    private static async ValueTask<Stream> ConnectFromGatewayAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(RunningSystem.GatewayOutboundAddress), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [Fact]
    public async Task The_admin_audit_api_answers_through_the_gateway()
    {
        using var admin = await system.ClientForAsync("ops.admin");
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));

        var rows = await admin.GetFromJsonAsync<JsonElement>($"api/treatments/audit?from={from}&to={to}", TestContext.Current.CancellationToken);

        Assert.Equal(JsonValueKind.Array, rows.ValueKind);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused_at_the_gateway()
    {
        var forged = TestTokens.Create([new Claim(NmtClaims.Role, NmtRoles.OperationsAdmin)], NmtClaims.ApiAudience, system.Gateway.BaseAddress.ToString());
        using var client = system.CreateGatewayClient().WithToken(forged);

        using var response = await client.GetAsync($"api/scheduling/appointments/{Guid.CreateVersion7()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_gets_a_new_access_token()
    {
        var tokens = await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, "manager.cambridge", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri, system.DemoAuthenticatorKey);
        Assert.NotNull(tokens.RefreshToken);
        using var anonymous = system.CreateGatewayClient();
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.RefreshToken!,
            ["client_id"] = "nmt-web",
        });

        using var refreshed = await anonymous.PostAsync("connect/token", body, TestContext.Current.CancellationToken);
        var json = await refreshed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        using var api = system.CreateGatewayClient().WithToken(json.GetProperty("access_token").GetString()!);
        using var dashboard = await api.GetAsync(
            "api/outcomes/operations/daily-bookings?from=2030-01-01&to=2030-01-02&locationId=0194f3a0-0000-7000-8000-00000000a002",
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task A_service_account_gets_a_token_with_client_credentials()
    {
        var tokens = await OidcSignIn.ClientCredentialsAsync(system.Gateway.BaseAddress, system.ServiceAccount.ClientId, system.ServiceAccount.Secret);
        using var client = system.CreateGatewayClient().WithToken(tokens.AccessToken);

        using var response = await client.GetAsync(
            "api/outcomes/operations/daily-bookings?from=2030-01-01&to=2030-01-02",
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            OidcSignIn.ClientCredentialsAsync(system.Gateway.BaseAddress, system.ServiceAccount.ClientId, "wrong-secret-wrong-secret-wrong"));
    }

    [Fact]
    public async Task A_gateway_configured_for_an_external_provider_trusts_its_tokens_and_issues_none()
    {
        // The running gateway plays the external OpenID Connect provider for a second gateway.
        await using var external = await StartExternalGatewayAsync("gateway-external");
        var tokens = await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, "manager.backbay", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri, system.DemoAuthenticatorKey);
        using var signedIn = new HttpClient { BaseAddress = external.BaseAddress }.WithToken(tokens.AccessToken);
        using var anonymous = new HttpClient { BaseAddress = external.BaseAddress };

        using var allowed = await signedIn.GetAsync(
            "api/outcomes/operations/daily-bookings?from=2030-01-01&to=2030-01-02&locationId=0194f3a0-0000-7000-8000-00000000a001",
            TestContext.Current.CancellationToken);
        using var refused = await anonymous.GetAsync(
            "api/outcomes/operations/daily-bookings?from=2030-01-01&to=2030-01-02",
            TestContext.Current.CancellationToken);
        using var noLocalServer = await anonymous.GetAsync("connect/authorize?client_id=nmt-web", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noLocalServer.StatusCode);
    }

    [Fact]
    public async Task Personal_data_passwords_and_tokens_never_reach_the_logs()
    {
        var tokens = await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, "manager.chicago", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri, system.DemoAuthenticatorKey);
        using var client = system.CreateGatewayClient().WithToken(tokens.AccessToken);
        using var response = await client.GetAsync($"api/scheduling/appointments/{Guid.CreateVersion7()}", TestContext.Current.CancellationToken);

        // A client whose details are unmistakable, registered, screened and read through intake.
        using var desk = await system.ClientForAsync("frontdesk.chicago");
        using var registered = await desk.PostAsJsonAsync("api/intake/clients", new
        {
            locationId = Guid.Parse("0194f3a0-0000-7000-8000-00000000a003"),
            name = new { given = "Quintessa", family = "Vanderloggen" },
            dateOfBirth = "1961-07-23",
            contact = new { email = "quintessa.vanderloggen@example.org", phone = "+1 312 555 0187" },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var clientId = await registered.IdOfAsync();
        using var bad = await desk.PostAsJsonAsync($"api/intake/clients/{clientId}/intakes", new { answers = new { goals = "Vanderloggen wants no pain", fever = "maybe" } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var read = await desk.GetAsync($"api/intake/clients/{clientId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        foreach (var log in Directory.EnumerateFiles(system.LogDirectory))
        {
            var text = await ReadSharedAsync(log);
            Assert.DoesNotContain(system.DemoPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.AccessToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.RefreshToken!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(system.ServiceAccount.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Vanderloggen", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quintessa", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("1961-07-23", text, StringComparison.Ordinal);
            Assert.DoesNotContain("555 0187", text, StringComparison.Ordinal);
        }
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_burst_from_one_client_address_gets_429_even_without_signing_in()
    {
        await using var gateway = await StartExternalGatewayAsync(
            "gateway-address-limit",
            new Dictionary<string, string> { ["Edge__PerClientAddress__PermitLimit"] = "20", ["Edge__PerClientAddress__Window"] = "00:01:00" });
        using var anonymous = new HttpClient { BaseAddress = gateway.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var response = await anonymous.GetAsync("api/scheduling/appointments", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }

        Assert.Equal(20, statuses.Count(status => status == HttpStatusCode.Unauthorized));
        Assert.Equal(5, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
        using var health = await anonymous.GetAsync("health/live", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task The_public_booking_data_is_limited_harder_per_client_address_than_the_rest()
    {
        await using var gateway = await StartExternalGatewayAsync(
            "gateway-public-limit",
            new Dictionary<string, string> { ["Edge__PublicPerClientAddress__PermitLimit"] = "5", ["Edge__PublicPerClientAddress__Window"] = "00:01:00" });
        using var anonymous = new HttpClient { BaseAddress = gateway.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await anonymous.GetAsync("api/scheduling/public/locations", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);

        // The rest of the API is not held back by it.
        using var elsewhere = await anonymous.GetAsync("api/scheduling/appointments", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
    }

    /// <summary>A second gateway in front of the same services, trusting the running gateway's tokens.</summary>
    private async Task<ServiceProcess> StartExternalGatewayAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(system.ServiceRoutes)
        {
            ["Identity__Mode"] = "External",
            ["Identity__Issuer"] = system.PublicIssuer,
            ["Identity__MetadataBaseAddress"] = system.Gateway.BaseAddress.ToString(),
            ["Identity__RequireHttps"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var gateway = new ServiceProcess(
            name,
            ServiceProcess.BuiltAssembly("gateway/NmtPractice.Gateway", "NmtPractice.Gateway"),
            ServiceProcess.FreePort(),
            environment,
            system.LogDirectory);
        gateway.Start();
        await gateway.WaitUntilReadyAsync();
        return gateway;
    }
}
