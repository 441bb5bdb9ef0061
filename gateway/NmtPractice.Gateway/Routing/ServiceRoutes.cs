using NmtPractice.ServiceDefaults.Http;
using Yarp.ReverseProxy.Transforms;

namespace NmtPractice.Gateway.Routing;

/// <summary>
/// Routes <c>/api/scheduling</c>, <c>/api/intake</c>, <c>/api/treatments</c> and <c>/api/outcomes</c>
/// to the services (configuration section <c>ReverseProxy</c>). W3C trace context is propagated by the
/// proxy's instrumented client; the correlation id is forwarded as <c>X-Correlation-Id</c>.
/// </summary>
internal static class ServiceRoutes
{
    public static WebApplicationBuilder AddServiceRoutes(this WebApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(transforms => transforms.AddRequestTransform(context =>
            {
                var headers = context.ProxyRequest.Headers;
                headers.Remove(CorrelationContext.HeaderName);
                if (CorrelationContext.Current is { } correlation)
                {
                    headers.TryAddWithoutValidation(CorrelationContext.HeaderName, correlation.CorrelationId);
                }

                return ValueTask.CompletedTask;
            }));
        return builder;
    }
}
