using System.Security.Claims;
using NmtPractice.Contracts.Security;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NmtPractice.Gateway.Identity;

/// <summary>What a token says about its bearer: id, name, roles and locations, and where each claim goes.</summary>
internal static class TokenClaims
{
    /// <summary>
    /// The claim holding when a user's token was issued, to the millisecond (<c>iat</c> has whole seconds):
    /// the gateway refuses tokens issued before the user's sessions were ended (<see cref="AccountStatus"/>).
    /// </summary>
    public const string IssuedAt = "nmt_issued_at";

    public static ClaimsIdentity ForUser(NmtUser user, IEnumerable<string> scopes, DateTimeOffset? issuedAt = null)
    {
        var identity = Build(user.Id, user.DisplayName, user.Roles.Where(NmtRoles.ChainWide.Contains), user.Grants, scopes);
        if (issuedAt is { } issued)
        {
            // Claims without a destination never reach a token.
            identity.SetClaim(IssuedAt, issued.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            identity.FindFirst(IssuedAt)!.SetDestinations(Destinations.AccessToken);
        }

        return identity;
    }

    /// <summary>
    /// A client signed in to the portal: the role <c>client</c> and one <c>nmt_client</c> claim per
    /// client record their email opens, nothing of any location or staff role.
    /// </summary>
    public static ClaimsIdentity ForClient(string subject, IEnumerable<Guid> clientIds, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(authenticationType: "nmt-client", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, subject)
            .SetClaim(Claims.Name, "Client")
            .SetClaims(Claims.Role, [NmtRoles.Client])
            .SetClaims(NmtClaims.Client, [.. clientIds.Distinct().Select(id => id.ToString())]);
        var granted = scopes.ToList();
        identity.SetScopes(granted);
        if (granted.Contains(NmtClaims.ApiScope))
        {
            identity.SetResources(NmtClaims.ApiAudience);
        }

        identity.SetDestinations(claim => claim.Type is Claims.Role or NmtClaims.Client or Claims.Name
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return identity;
    }

    /// <summary>
    /// A service account holds each of its roles at each of its locations, and all of them as <c>role</c>
    /// claims (an operator's loader configured as operations admin and front desk books anywhere).
    /// </summary>
    public static ClaimsIdentity ForServiceAccount(string clientId, ServiceAccountOptions account, IEnumerable<string> scopes) =>
        Build(
            clientId,
            account.DisplayName.Length > 0 ? account.DisplayName : clientId,
            account.Roles,
            account.Locations.SelectMany(location => account.Roles.Where(NmtRoles.AtALocation.Contains).Select(role => new LocationRole(location, role))),
            scopes);

    /// <summary>
    /// <paramref name="roles"/> (a user's chain-wide ones) as <c>role</c> claims; each role held at a location as a <c>location_role</c>
    /// claim, and also (for endpoints that ask "may this kind of staff call at all") as a <c>role</c>
    /// claim and its location as a <c>location</c> claim.
    /// </summary>
    private static ClaimsIdentity Build(
        string subject,
        string name,
        IEnumerable<string> roles,
        IEnumerable<LocationRole> grants,
        IEnumerable<string> scopes)
    {
        var held = grants.Distinct().ToList();
        var allRoles = roles.Concat(held.Select(grant => grant.Role)).Distinct();
        var locations = held.Select(grant => grant.LocationId).Distinct();
        var identity = new ClaimsIdentity(
            authenticationType: "nmt",
            nameType: Claims.Name,
            roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, subject)
            .SetClaim(Claims.Name, name)
            .SetClaims(Claims.Role, [.. allRoles.Where(NmtRoles.All.Contains)])
            .SetClaims(NmtClaims.Location, [.. locations.Select(location => location.ToString())])
            .SetClaims(NmtClaims.LocationRole, [.. held.Select(grant => grant.ToString())]);

        var granted = scopes.ToList();
        identity.SetScopes(granted);
        if (granted.Contains(NmtClaims.ApiScope))
        {
            identity.SetResources(NmtClaims.ApiAudience);
        }

        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Role or NmtClaims.Location or NmtClaims.LocationRole when granted.Contains(Scopes.Profile) || granted.Contains(Scopes.Roles)
                => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }
}
