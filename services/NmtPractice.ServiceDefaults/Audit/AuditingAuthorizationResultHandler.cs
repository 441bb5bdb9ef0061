using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using NmtPractice.ServiceDefaults.Telemetry;

namespace NmtPractice.ServiceDefaults.Audit;

/// <summary>
/// Audits requests refused by a role check before any handler runs (403), so that an attempt to
/// reach clinical data with the wrong role leaves a trace too (the record is the requested path), and
/// counts requests without a valid token (401) in <c>nmt.security.unauthenticated</c>.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            await RefusalAudit.RecordAsync(context, null, context.RequestAborted).ConfigureAwait(false);
        }
        else if (authorizeResult.Challenged)
        {
            SecurityMetrics.Unauthenticated(context);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
