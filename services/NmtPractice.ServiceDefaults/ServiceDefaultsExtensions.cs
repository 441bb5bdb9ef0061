using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using NmtPractice.ServiceDefaults.Health;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;
using NmtPractice.ServiceDefaults.Telemetry;

namespace NmtPractice.ServiceDefaults;

/// <summary>
/// What every NmtPractice host (the four services and the gateway) shares: telemetry, health,
/// resilient HTTP clients, ProblemDetails and request correlation.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Binds the service's options to configuration section <paramref name="section"/>, checked against
    /// their data annotations when the service starts (a bad setting stops it, never a request).
    /// </summary>
    public static IHostApplicationBuilder AddNmtOptions<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    /// <summary>Adds the shared defaults to a host.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddNmtTelemetry();
        builder.AddDefaultHealthChecks();

        // Every outgoing HttpClient gets retries, timeouts and a circuit breaker (Polly).
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

        builder.Services.AddNmtProblemDetails();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.Converters.Add(new PlainTextConverter());
            options.SerializerOptions.Converters.Add(new SaneDates.DateOnlyConverter());
            options.SerializerOptions.Converters.Add(new SaneDates.DateTimeOffsetConverter());
        });
        return builder;
    }

    /// <summary>
    /// Adds the middleware every host runs first: request correlation, exceptions to ProblemDetails and
    /// status-code pages.
    /// </summary>
    /// <param name="app">The host.</param>
    /// <param name="afterAuthentication">Middleware that needs the caller but must run before authorization (the gateway's rate limiter).</param>
    /// <param name="problemStatusPages">Answer bodiless error statuses with ProblemDetails (APIs); a host that shows its own pages for them (the web application) turns it off.</param>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? afterAuthentication = null, bool problemStatusPages = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Correlation first, so that error responses carry the correlation id too.
        app.UseRequestCorrelation();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        if (problemStatusPages)
        {
            app.UseStatusCodePages();
        }

        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.UseAuthorization();
        if (app.Services.GetService<Security.ClientBoundary>() is not null)
        {
            app.Use(Security.ClientBoundary.Guard);
        }

        return app;
    }

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapNmtHealthEndpoints();
        return app;
    }
}
