using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using NmtPractice.ServiceDefaults.Telemetry;

namespace NmtPractice.ServiceDefaults.Security;

/// <summary>
/// Counts requests refused for want of a valid token (401) in <c>nmt.security.unauthenticated</c>, for
/// a host with no audit log of its own (the gateway); the services count them in their auditing handler.
/// </summary>
public sealed class UnauthenticatedCountingHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged)
        {
            SecurityMetrics.Unauthenticated(context);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
