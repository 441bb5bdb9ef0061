using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NmtPractice.ServiceDefaults.Telemetry;

/// <summary>OpenTelemetry traces, metrics and logs for every host.</summary>
public static class TelemetryExtensions
{
    private static readonly string[] HealthPaths = ["/health/live", "/health/ready"];

    /// <summary>
    /// Traces and metrics from ASP.NET Core, HttpClient, Npgsql, Marten and MassTransit, plus logs;
    /// exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static TBuilder AddNmtTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName,
                serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(NmtTelemetry.MeterName, "Marten", "MassTransit"))
            .WithTracing(tracing => tracing
                .AddSource(NmtTelemetry.ActivitySourceName, "Marten", "MassTransit")
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !HealthPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
