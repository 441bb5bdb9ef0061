using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NmtPractice.Contracts.Security;
using Xunit;

namespace NmtPractice.Testing;

/// <summary>
/// What every service host must do, checked for each service by a subclass in its test project:
/// readiness covers PostgreSQL and the bus, an OpenAPI document is served, its Marten store lives in
/// the service's own schema, and unknown routes are ProblemDetails.
/// </summary>
public abstract class HostConformanceTests<TProgram>(ServiceFixture<TProgram> fixture, string schema, string routePrefix)
    where TProgram : class
{
    private readonly HttpClient _client = fixture.Host.CreateClient();

    [Fact]
    public async Task Readiness_checks_postgres_and_the_bus()
    {
        using var response = await _client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Liveness_answers_without_dependencies()
    {
        var report = await _client.GetFromJsonAsync<JsonElement>(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.False(report.GetProperty("checks").TryGetProperty("postgres", out _));
    }

    [Fact]
    public async Task It_publishes_an_openapi_document_to_signed_in_callers_only()
    {
        using var anonymous = await _client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        using var signedIn = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, Guid.CreateVersion7());

        var document = await signedIn.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal($"{typeof(TProgram).Assembly.GetName().Name} | v1", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Its_store_lives_in_its_own_schema()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema = @schema and table_name = 'mt_doc_inboxrecord'",
            connection);
        command.Parameters.AddWithValue("schema", schema);

        Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unknown_routes_are_404_problems()
    {
        using var client = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);

        using var response = await client.GetAsync(new Uri($"{routePrefix}/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_calls_without_a_token_are_401_problems()
    {
        using var response = await _client.GetAsync(new Uri($"{routePrefix}/anything", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("wrong-key")]
    [InlineData("expired")]
    [InlineData("garbage")]
    public async Task Tokens_that_do_not_validate_are_401(string kind)
    {
        var admin = new[] { new System.Security.Claims.Claim(NmtClaims.Role, NmtRoles.OperationsAdmin) };
        var token = kind switch
        {
            "wrong-audience" => TestTokens.Create(admin, "another-api", TestTokens.Issuer),
            "wrong-issuer" => TestTokens.Create(admin, NmtClaims.ApiAudience, "https://evil.example/"),
            "wrong-key" => TestTokens.Create(admin, NmtClaims.ApiAudience, TestTokens.Issuer, key: System.Security.Cryptography.RSA.Create(2048)),
            "expired" => TestTokens.Create(admin, NmtClaims.ApiAudience, TestTokens.Issuer, expires: DateTime.UtcNow.AddMinutes(-5)),
            _ => "not.a.token",
        };
        using var client = fixture.Host.CreateClient().WithToken(token);

        using var response = await client.GetAsync(new Uri($"{routePrefix}/anything", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_is_never_cached()
    {
        using var client = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);

        using var refused = await _client.GetAsync(new Uri($"{routePrefix}/anything", UriKind.Relative), TestContext.Current.CancellationToken);
        using var missing = await client.GetAsync(new Uri($"{routePrefix}/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);
        using var health = await _client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.All([refused, missing, health], response =>
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.False(response.Headers.Contains("Server"));
            Assert.True(response.Headers.CacheControl?.NoStore);
        });
    }

    [Fact]
    public void It_sends_no_usage_telemetry_to_the_message_bus_vendor() =>
        Assert.False(fixture.Host.Services.GetRequiredService<IOptions<MassTransit.UsageTelemetryOptions>>().Value.Enabled);

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_before_any_endpoint_runs()
    {
        using var client = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        using var huge = new StringContent(new string('x', 1024 * 1024 + 1), System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri($"{routePrefix}/no-such-thing", UriKind.Relative), huge, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
