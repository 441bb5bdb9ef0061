using System.Security.Claims;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.ServiceDefaults.Security;

/// <summary>
/// The authenticated caller of the current request: who, in which roles, at which locations.
/// Handlers ask it before returning or changing any object that belongs to a location, so that no
/// object leaks across locations (OWASP API1, broken object-level authorization).
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal =>
        accessor.HttpContext?.User ?? throw new InvalidOperationException("There is no current request.");

    /// <summary>The user's id (<c>sub</c>), or the client id of a service account.</summary>
    public string Id => Principal.FindFirstValue(NmtClaims.Subject) ?? throw new ForbiddenException("The token carries no subject.");

    /// <summary>The user's roles.</summary>
    public IReadOnlyList<string> Roles => Principal.FindAll(NmtClaims.Role).Select(claim => claim.Value).ToList();

    /// <summary>
    /// A machine client the operator configured (client credentials: its subject is its own client id),
    /// not a person: an import or the demo loader acting for the practice.
    /// </summary>
    public bool IsServiceAccount => Principal.FindFirstValue("client_id") is { Length: > 0 } client && client == Principal.FindFirstValue(NmtClaims.Subject);

    /// <summary>Operations admins see every location.</summary>
    public bool SeesAllLocations => Principal.HasClaim(NmtClaims.Role, NmtRoles.OperationsAdmin);

    /// <summary>The locations the user works at (empty for a user who sees all, see <see cref="SeesAllLocations"/>).</summary>
    public IReadOnlySet<Guid> Locations => Principal.FindAll(NmtClaims.Location)
        .Select(claim => Guid.TryParse(claim.Value, out var id) ? id : Guid.Empty)
        .Where(id => id != Guid.Empty)
        .ToHashSet();

    /// <summary>Whether the user may see or change things at a location.</summary>
    public bool CanAccess(Guid locationId) => SeesAllLocations || Locations.Contains(locationId);

    /// <summary>Throws a 403 problem unless the user may see or change things at the location.</summary>
    public void EnsureCanAccess(Guid locationId)
    {
        if (!CanAccess(locationId))
        {
            throw new ForbiddenException("This belongs to a location you do not work at.") { LocationId = locationId };
        }
    }

    /// <summary>Whether the user holds any of the roles.</summary>
    public bool IsInAnyRole(params string[] roles) => roles.Any(role => Principal.HasClaim(NmtClaims.Role, role));
}
