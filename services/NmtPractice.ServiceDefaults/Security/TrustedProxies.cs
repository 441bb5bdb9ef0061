using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace NmtPractice.ServiceDefaults.Security;

/// <summary>
/// The client address of a request (for the audit log and rate limits) comes from
/// <c>X-Forwarded-For</c> only when the direct peer is a configured proxy: the addresses in
/// <c>ForwardedHeaders:KnownProxies</c> and the networks (CIDR) in <c>ForwardedHeaders:KnownNetworks</c>.
/// Nothing is trusted by default, not even loopback: on one machine every local process is loopback,
/// so the services trust the gateway's own outbound address (see the gateway's <c>Edge:OutboundAddress</c>)
/// and the gateway trusts nothing unless a proxy in front of it is configured.
/// </summary>
public static class TrustedProxies
{
    /// <summary>Configures <see cref="ForwardedHeadersOptions"/>.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("ForwardedHeaders");
        var proxies = Parse(section, "KnownProxies", IPAddress.Parse);
        var networks = Parse(section, "KnownNetworks", System.Net.IPNetwork.Parse);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With both lists empty the middleware would trust every peer: read no header at all then.
            options.ForwardedHeaders = proxies.Count + networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    private static List<T> Parse<T>(IConfigurationSection section, string key, Func<string, T> parse)
    {
        var values = section.GetSection(key).Get<string[]>() ?? [];
        var parsed = new List<T>();
        foreach (var value in values)
        {
            try
            {
                parsed.Add(parse(value.Trim()));
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"ForwardedHeaders:{key} holds '{value}', which is not an address{(key == "KnownNetworks" ? " range (CIDR, e.g. 10.0.0.0/8)" : string.Empty)}.", ex);
            }
        }

        return parsed;
    }
}
