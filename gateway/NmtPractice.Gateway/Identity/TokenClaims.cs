using System.Security.Claims;
using NmtPractice.Contracts.Security;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NmtPractice.Gateway.Identity;

/// <summary>What a token says about its bearer: id, name, roles and locations, and where each claim goes.</summary>
internal static class TokenClaims
{
    public static ClaimsIdentity ForUser(NmtUser user, IEnumerable<string> scopes) =>
        Build(user.Id, user.DisplayName, user.Roles, user.Locations, scopes);

    public static ClaimsIdentity ForServiceAccount(string clientId, ServiceAccountOptions account, IEnumerable<string> scopes) =>
        Build(clientId, account.DisplayName.Length > 0 ? account.DisplayName : clientId, account.Roles, account.Locations, scopes);

    private static ClaimsIdentity Build(
        string subject,
        string name,
        IEnumerable<string> roles,
        IEnumerable<Guid> locations,
        IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(
            authenticationType: "nmt",
            nameType: Claims.Name,
            roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, subject)
            .SetClaim(Claims.Name, name)
            .SetClaims(Claims.Role, [.. roles.Where(NmtRoles.All.Contains)])
            .SetClaims(NmtClaims.Location, [.. locations.Select(location => location.ToString())]);

        var granted = scopes.ToList();
        identity.SetScopes(granted);
        if (granted.Contains(NmtClaims.ApiScope))
        {
            identity.SetResources(NmtClaims.ApiAudience);
        }

        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Role or NmtClaims.Location when granted.Contains(Scopes.Profile) || granted.Contains(Scopes.Roles)
                => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }
}
