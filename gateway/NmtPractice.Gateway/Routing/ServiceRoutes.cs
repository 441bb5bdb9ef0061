using System.Net;
using NmtPractice.Gateway.Edge;
using NmtPractice.ServiceDefaults.Http;
using Yarp.ReverseProxy.Forwarder;
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
        var outbound = builder.Configuration.GetSection(EdgeOptions.Section).Get<EdgeOptions>()?.OutboundAddress;
        IPAddress? local = null;
        if (!string.IsNullOrWhiteSpace(outbound) && !IPAddress.TryParse(outbound, out local))
        {
            throw new InvalidOperationException($"Edge:OutboundAddress holds '{outbound}', which is not an IP address.");
        }

        builder.Services.AddSingleton<IForwarderHttpClientFactory>(new OutboundAddressClientFactory(local));
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
