using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NmtPractice.ServiceDefaults.Telemetry;

namespace NmtPractice.ServiceDefaults.Http;

/// <summary>
/// Takes the correlation id from <c>X-Correlation-Id</c> (or starts one from the trace id), makes it
/// current for the request, tags the trace and log scope with it, and echoes it in the response.
/// </summary>
public static class RequestCorrelationMiddleware
{
    /// <summary>Adds request correlation to the pipeline.</summary>
    public static IApplicationBuilder UseRequestCorrelation(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[CorrelationContext.HeaderName].ToString();
            var activity = Activity.Current;
            var correlationId = CorrelationContext.IsValid(incoming)
                ? incoming
                : activity?.TraceId.ToHexString() ?? Guid.CreateVersion7().ToString("N");

            CorrelationContext.Current = new CorrelationContext(correlationId, context.TraceIdentifier);
            activity?.SetTag(NmtTelemetry.CorrelationIdTag, correlationId);
            context.Response.OnStarting(() =>
            {
                // Set as the response starts: the exception handler clears headers set earlier.
                context.Response.Headers[CorrelationContext.HeaderName] = correlationId;
                return Task.CompletedTask;
            });

            var logger = context.RequestServices.GetService(typeof(ILoggerFactory)) is ILoggerFactory factory
                ? factory.CreateLogger("NmtPractice.Requests")
                : null;
            using (logger?.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
            {
                await next(context).ConfigureAwait(false);
            }
        });
    }
}
