using System.Diagnostics.Metrics;

namespace NmtPractice.ServiceDefaults.Telemetry;

/// <summary>
/// Counters of refused requests, for alerting on probing and misconfigured clients:
/// <c>nmt.security.unauthenticated</c> (401: no or no valid token) and <c>nmt.security.denied</c>
/// (403: signed in, but not allowed; every one also has an audit row).
/// </summary>
public static class SecurityMetrics
{
    private static readonly Counter<long> UnauthenticatedCounter =
        NmtTelemetry.Meter.CreateCounter<long>("nmt.security.unauthenticated", "{request}", "Requests refused for want of a valid token (401).");

    private static readonly Counter<long> DeniedCounter =
        NmtTelemetry.Meter.CreateCounter<long>("nmt.security.denied", "{request}", "Requests refused to a signed-in caller (403).");

    /// <summary>Counts a 401, tagged with the endpoint's route pattern (never the path: it may hold ids).</summary>
    public static void Unauthenticated(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unknown";
        UnauthenticatedCounter.Add(1, new KeyValuePair<string, object?>("http.route", route));
    }

    /// <summary>Counts a 403 by service and the kind of object refused.</summary>
    public static void Denied(string service, string resourceType) =>
        DeniedCounter.Add(
            1,
            new KeyValuePair<string, object?>("nmt.service", service),
            new KeyValuePair<string, object?>("nmt.resource_type", resourceType));
}
