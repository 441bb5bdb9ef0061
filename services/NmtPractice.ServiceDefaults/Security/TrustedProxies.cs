using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace NmtPractice.ServiceDefaults.Security;

/// <summary>
/// The client address of a request (for the audit log and rate limits) comes from
/// <c>X-Forwarded-For</c> only when the direct peer is a trusted proxy: loopback by default, plus the
/// networks in <c>ForwardedHeaders:KnownNetworks</c> (CIDR, e.g. the container network).
/// </summary>
public static class TrustedProxies
{
    /// <summary>Configures <see cref="ForwardedHeadersOptions"/>.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 2;
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
