using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Gateway.Edge;

/// <summary>
/// The gateway's outer defences: request size limits, rate limits per user and per client address, and
/// a harder one per address on what anyone may read without signing in (429 with <c>Retry-After</c>), security headers on every response, and CORS only for the UI's origin.
/// </summary>
internal static class EdgeProtection
{
    private static readonly string[] Unlimited = ["/health/live", "/health/ready"];

    /// <summary>What anyone may read without signing in (the public booking pages' data): limited harder per client address.</summary>
    private const string PublicPrefix = "/api/scheduling/public";

    public static WebApplicationBuilder AddEdgeProtection(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EdgeOptions.Section).Get<EdgeOptions>() ?? new EdgeOptions();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsUnlimited(context) || context.User.FindFirst(NmtClaims.Subject)?.Value is not { } user
                        ? RateLimitPartition.GetNoLimiter("none")
                        : RateLimitPartition.GetFixedWindowLimiter($"user:{user}", _ => Window(options.PerUser))),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsUnlimited(context)
                        ? RateLimitPartition.GetNoLimiter("none")
                        : RateLimitPartition.GetFixedWindowLimiter($"address:{context.Connection.RemoteIpAddress}", _ => Window(options.PerClientAddress))),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    context.Request.Path.StartsWithSegments(PublicPrefix, StringComparison.OrdinalIgnoreCase)
                        ? RateLimitPartition.GetFixedWindowLimiter($"public:{context.Connection.RemoteIpAddress}", _ => Window(options.PublicPerClientAddress))
                        : RateLimitPartition.GetNoLimiter("none")));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"Slow down: retry after {seconds} s.",
                    },
                });
            };
        });

        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (options.AllowedOrigins.Count > 0)
            {
                policy.WithOrigins([.. options.AllowedOrigins])
                    .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                    .WithHeaders("Authorization", "Content-Type", "If-Match", "X-Correlation-Id")
                    .WithExposedHeaders("ETag", "Location", "Retry-After", "X-Correlation-Id");
            }
        }));
        return builder;
    }

    /// <summary>Security headers on every response, including errors.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            ServiceEdge.SetSecurityHeaders(
                headers,
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'");
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            // Health data must not linger in browser or proxy caches.
            if (!IsUnlimited(context))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });

    private static bool IsUnlimited(HttpContext context) =>
        Unlimited.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Window(WindowLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
