using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NmtPractice.ServiceDefaults.Health;

namespace NmtPractice.Gateway.Health;

/// <summary>
/// The gateway is ready when every service behind it is: each cluster's destination is asked for its
/// own <c>/health/ready</c>.
/// </summary>
internal sealed class DownstreamHealthCheck(IHttpClientFactory clients, Uri readinessUri) : IHealthCheck
{
    public const string HttpClientName = "downstream-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = clients.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, readinessUri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, $"{(int)response.StatusCode} from the service's readiness check");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The service did not answer");
        }
    }
}

/// <summary>Registers one readiness check per proxied cluster.</summary>
internal static class DownstreamHealthChecks
{
    public static WebApplicationBuilder AddDownstreamHealthChecks(this WebApplicationBuilder builder)
    {
        // A readiness probe must answer quickly and truthfully: no retries behind it.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        builder.Services.AddHttpClient(DownstreamHealthCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(3))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        var health = builder.Services.AddHealthChecks();
        foreach (var cluster in builder.Configuration.GetSection("ReverseProxy:Clusters").GetChildren())
        {
            var address = cluster.GetSection("Destinations").GetChildren().Select(d => d["Address"]).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a));
            if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var baseUri))
            {
                throw new InvalidOperationException($"Cluster '{cluster.Key}' has no valid destination address.");
            }

            var readiness = new Uri(baseUri, "/health/ready");
            health.Add(new HealthCheckRegistration(
                cluster.Key,
                services => new DownstreamHealthCheck(services.GetRequiredService<IHttpClientFactory>(), readiness),
                failureStatus: HealthStatus.Unhealthy,
                tags: [HealthExtensions.ReadyTag]));
        }

        return builder;
    }
}
