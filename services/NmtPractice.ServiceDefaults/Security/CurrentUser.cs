using System.Security.Claims;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.ServiceDefaults.Security;

/// <summary>
/// The authenticated caller of the current request: who, in which roles, at which locations.
/// Handlers ask it before returning or changing any object that belongs to a location, so that no
/// object leaks across locations (OWASP API1, broken object-level authorization).
/// </summary>
/// <remarks>
/// Roles are held per location (<c>location_role</c> claims): a user who is clinic manager at one
/// location and therapist at another reaches a location's objects only through a role the endpoint
/// allows (<see cref="AllowedRoles"/>, set by <c>RequireRoles</c>) and that they hold <em>there</em>.
/// A token with no <c>location_role</c> claims (a service account, an external provider) holds each of
/// its <c>role</c> claims at each of its <c>location</c> claims.
/// </remarks>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private IReadOnlyList<LocationRole>? _grants;

    private HttpContext Context => accessor.HttpContext ?? throw new InvalidOperationException("There is no current request.");

    private ClaimsPrincipal Principal => Context.User;

    /// <summary>The user's id (<c>sub</c>), or the client id of a service account.</summary>
    public string Id => Principal.FindFirstValue(NmtClaims.Subject) ?? throw new ForbiddenException("The token carries no subject.");

    /// <summary>The user's roles, at any location.</summary>
    public IReadOnlyList<string> Roles => Principal.FindAll(NmtClaims.Role).Select(claim => claim.Value).ToList();

    /// <summary>
    /// A machine client the operator configured (client credentials: its subject is its own client id),
    /// not a person: an import or the demo loader acting for the practice.
    /// </summary>
    public bool IsServiceAccount => Principal.FindFirstValue("client_id") is { Length: > 0 } client && client == Principal.FindFirstValue(NmtClaims.Subject);

    /// <summary>
    /// A client signed in to the portal (not staff): they reach only the records of <see cref="ClientIds"/>,
    /// and only through endpoints that serve clients (<see cref="ClientBoundary"/>).
    /// </summary>
    public bool IsClient => Principal.HasClaim(NmtClaims.Role, NmtRoles.Client);

    /// <summary>The client records a client's token reaches (none for staff).</summary>
    public IReadOnlySet<Guid> ClientIds => IsClient
        ? Principal.FindAll(NmtClaims.Client).Select(claim => Guid.TryParse(claim.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet()
        : new HashSet<Guid>();

    /// <summary>Whether the caller is a client and <paramref name="clientId"/> is one of their own records.</summary>
    public bool IsOwnClient(Guid clientId) => IsClient && ClientIds.Contains(clientId);

    /// <summary>For a client's token, throws a 403 unless <paramref name="clientId"/> is their own record; staff pass.</summary>
    public void EnsureOwnClientIfClient(Guid clientId)
    {
        if (IsClient && !IsOwnClient(clientId))
        {
            throw new ForbiddenException("A client's sign-in reaches only their own records.");
        }
    }

    /// <summary>Operations admins see every location.</summary>
    public bool SeesAllLocations => !IsClient && Principal.HasClaim(NmtClaims.Role, NmtRoles.OperationsAdmin);

    /// <summary>Every role the user holds at a location.</summary>
    public IReadOnlyList<LocationRole> Grants => _grants ??= IsClient ? [] : LocationRole.Of(Principal);

    /// <summary>
    /// The locations where the user holds a role this endpoint allows (every role they hold when the
    /// endpoint names none); empty for a user who sees all, see <see cref="SeesAllLocations"/>.
    /// </summary>
    public IReadOnlySet<Guid> Locations
    {
        get
        {
            var allowed = Context.GetEndpoint()?.Metadata.GetMetadata<AllowedRoles>();
            return Grants.Where(grant => allowed is null || allowed.Contains(grant.Role)).Select(grant => grant.LocationId).ToHashSet();
        }
    }

    /// <summary>Whether the user may see or change things at a location (in a role this endpoint allows).</summary>
    public bool CanAccess(Guid locationId) => SeesAllLocations || Locations.Contains(locationId);

    /// <summary>Throws a 403 problem unless the user may see or change things at the location.</summary>
    public void EnsureCanAccess(Guid locationId)
    {
        if (!CanAccess(locationId))
        {
            throw new ForbiddenException("This belongs to a location you do not work at in a role that may do this.") { LocationId = locationId };
        }
    }

    /// <summary>Whether the user holds any of the roles, at any location or chain-wide.</summary>
    public bool IsInAnyRole(params string[] roles) => roles.Any(role => Principal.HasClaim(NmtClaims.Role, role));

    /// <summary>Whether the user holds <paramref name="role"/> at the location (operations admins hold their role everywhere).</summary>
    public bool IsInRoleAt(string role, Guid locationId) =>
        (NmtRoles.ChainWide.Contains(role) && Principal.HasClaim(NmtClaims.Role, role))
        || Grants.Contains(new LocationRole(locationId, role));
}

/// <summary>The roles an endpoint allows (endpoint metadata from <c>RequireRoles</c>), which <see cref="CurrentUser"/> checks per location.</summary>
public sealed class AllowedRoles(IEnumerable<string> roles)
{
    private readonly HashSet<string> _roles = [.. roles];

    public bool Contains(string role) => _roles.Contains(role);
}
