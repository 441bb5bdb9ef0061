using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.ServiceDefaults.Tests;

/// <summary>The gateway counts its 401s by route, like the services, and lets everything else through unchanged.</summary>
public sealed class UnauthenticatedCountingTests
{
    [Fact]
    public async Task A_challenge_is_counted_by_route_and_an_authorised_request_is_not()
    {
        var routes = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meter) =>
        {
            if (instrument.Name == "nmt.security.unauthenticated")
            {
                meter.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "http.route" && tag.Value as string is { } route && route.StartsWith("/api/probe-", StringComparison.Ordinal))
                {
                    lock (routes)
                    {
                        routes.Add(route);
                    }
                }
            }
        });
        listener.Start();
        var handler = new UnauthenticatedCountingHandler();
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        var passedOn = 0;

        await handler.HandleAsync(_ => { passedOn++; return Task.CompletedTask; }, Request("/api/probe-challenged/{id}"), policy, PolicyAuthorizationResult.Challenge());
        await handler.HandleAsync(_ => { passedOn++; return Task.CompletedTask; }, Request("/api/probe-allowed/{id}"), policy, PolicyAuthorizationResult.Success());

        Assert.Equal(["/api/probe-challenged/{id}"], routes);
        Assert.Equal(1, passedOn);
    }

    private const string Probe = "probe";

    /// <summary>A scheme that authenticates no one and challenges with a plain 401.</summary>
    private sealed class ProbeScheme(Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> options, Microsoft.Extensions.Logging.ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }

    private static DefaultHttpContext Request(string route)
    {
        var services = new ServiceCollection().AddLogging()
            .AddAuthentication(Probe).AddScheme<AuthenticationSchemeOptions, ProbeScheme>(Probe, _ => { }).Services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, EndpointMetadataCollection.Empty, route));
        return context;
    }
}
