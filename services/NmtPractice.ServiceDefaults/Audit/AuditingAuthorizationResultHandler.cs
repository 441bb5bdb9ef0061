using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace NmtPractice.ServiceDefaults.Audit;

/// <summary>
/// Audits requests refused by a role check before any handler runs (403), so that an attempt to
/// reach clinical data with the wrong role leaves a trace too. The record is the requested path.
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
            var audit = context.RequestServices.GetRequiredService<AuditLog>();
            await audit.RecordDeniedAsync(
                new AuditEntry(context.Request.Method.ToLowerInvariant(), "endpoint", context.Request.Path.Value ?? "/", null, null),
                context.RequestAborted).ConfigureAwait(false);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
