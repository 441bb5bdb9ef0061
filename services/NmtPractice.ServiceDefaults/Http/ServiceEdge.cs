using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace NmtPractice.ServiceDefaults.Http;

/// <summary>
/// Defence in depth at every service port, whatever stands in front of it: request size limits (413
/// beyond them), no server banner, and security headers on every response, including errors. An API
/// answers JSON only, so its content policy allows nothing to load, and health data is never cached.
/// </summary>
public static class ServiceEdge
{
    /// <summary>Sets the Kestrel limits.</summary>
    public static WebApplicationBuilder AddNmtServiceEdge(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var maxBody = builder.Configuration.GetValue<long>(MaxRequestBodyBytesKey, 1024 * 1024);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxBody;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });
        return builder;
    }

    /// <summary>Adds the security headers to every response as it starts.</summary>
    public static WebApplication UseNmtSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                SetSecurityHeaders(context.Response.Headers, "default-src 'none'; frame-ancestors 'none'");
                context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next(context).ConfigureAwait(false);
        });
        return app;
    }

    /// <summary>
    /// The headers every response of the system carries, the gateway's and the services' alike: no
    /// sniffing, no framing, no referrer, same-origin resources, the given content policy, no banner.
    /// </summary>
    public static void SetSecurityHeaders(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.Remove("Server");
        headers.Remove("X-Powered-By");
    }

    /// <summary>
    /// Refuses (413) a request whose declared body is over the limit before any endpoint runs, whatever
    /// its route; a body sent without a length is cut off by Kestrel at the same limit as it is read.
    /// Place it after the exception handler, which answers the refusal as a problem.
    /// </summary>
    public static WebApplication UseNmtRequestLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var maxBody = app.Configuration.GetValue<long>(MaxRequestBodyBytesKey, 1024 * 1024);
        app.Use((context, next) => context.Request.ContentLength > maxBody
            ? throw new BadHttpRequestException("The request body is larger than this service accepts.", StatusCodes.Status413PayloadTooLarge)
            : next(context));
        return app;
    }

    // The largest request body a service accepts, in bytes (1 MiB unless configured).
    private const string MaxRequestBodyBytesKey = "Service:MaxRequestBodyBytes";
}
