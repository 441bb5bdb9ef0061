using Microsoft.AspNetCore.Authorization;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.ServiceDefaults.Security;

/// <summary>
/// Keeps a client's token (the portal's, role <c>client</c>) out of everything but what serves clients:
/// an endpoint must name the client role among the roles it allows (<c>RequireRoles</c>), or be open to
/// anyone (<c>AllowAnonymous</c>). Any other endpoint, including those every signed-in caller may
/// otherwise use, answers 403 before its handler runs. Which records a client then reaches is the
/// handler's and the record rules' check (<see cref="CurrentUser.ClientIds"/>).
/// </summary>
public sealed class ClientBoundary
{
    internal const string Refusal = "A client's sign-in reaches only what the portal offers: their own appointments, details and messages.";

    /// <summary>Refuses a client's request to an endpoint that does not serve clients.</summary>
    public static Task Guard(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.User.HasClaim(Contracts.Security.NmtClaims.Role, Contracts.Security.NmtRoles.Client)
            && context.GetEndpoint() is { } endpoint
            && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
            && endpoint.Metadata.GetMetadata<AllowedRoles>()?.Contains(Contracts.Security.NmtRoles.Client) != true)
        {
            throw new ForbiddenException(Refusal);
        }

        return next();
    }
}
