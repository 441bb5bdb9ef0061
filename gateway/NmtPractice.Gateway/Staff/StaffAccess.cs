using NmtPractice.Contracts.Security;
using NmtPractice.Gateway.Identity;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Gateway.Staff;

/// <summary>
/// Who may administer whom. Operations admins administer everyone. A clinic manager administers the
/// roles held at the locations they manage: sees the staff who hold a role there, grants and removes
/// roles there (never elsewhere, never chain-wide ones), and deactivates, reactivates, unlocks or
/// resets a person only when every role that person holds is at a location the manager manages. No one
/// changes their own roles or account here (another manager or an admin does), and the chain keeps at
/// least one active operations admin.
/// </summary>
internal sealed class StaffAccess(IReadOnlyList<LocationRole> actorGrants, bool actorIsAdmin, string actorId)
{
    public static StaffAccess Of(NmtPractice.ServiceDefaults.Security.CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new StaffAccess(user.Grants, user.SeesAllLocations, user.Id);
    }

    public bool IsAdmin => actorIsAdmin;

    /// <summary>The locations the actor manages (every location for an admin: see <see cref="IsAdmin"/>).</summary>
    public IReadOnlySet<Guid> Managed { get; } = actorGrants.Where(grant => grant.Role == NmtRoles.ClinicManager).Select(grant => grant.LocationId).ToHashSet();

    public bool Manages(Guid locationId) => actorIsAdmin || Managed.Contains(locationId);

    /// <summary>Whether the actor sees <paramref name="target"/> in the staff list.</summary>
    public bool MaySee(NmtUser target) => actorIsAdmin || target.Grants.Any(grant => Managed.Contains(grant.LocationId));

    /// <summary>Whether the actor may act on the whole account (deactivate, reactivate, unlock, reset its password).</summary>
    public bool MayAdminister(NmtUser target) =>
        actorIsAdmin || (target.Roles.Count == 0 && target.Grants.Count > 0 && target.Grants.All(grant => Managed.Contains(grant.LocationId)));

    /// <summary>Refuses (409) acting on one's own account.</summary>
    public void EnsureNotSelf(NmtUser target, string what)
    {
        if (target.Id == actorId)
        {
            throw new ConflictException("Not on your own account", $"You cannot {what} your own account here: ask another manager or an operations admin.");
        }
    }

    /// <summary>
    /// The roles <paramref name="target"/> ends with when the actor asks for <paramref name="requested"/>:
    /// the requested ones at the actor's locations, and the target's roles elsewhere unchanged. Throws 403
    /// for a role at a location the actor does not manage or a chain-wide role asked by a manager.
    /// </summary>
    public (List<LocationRole> Grants, List<string> ChainRoles) Resolve(NmtUser? target, IReadOnlyList<LocationRole> requested, IReadOnlyList<string> chainRoles)
    {
        var current = target?.Grants ?? [];
        var currentChain = target?.Roles.Where(NmtRoles.ChainWide.Contains).ToList() ?? [];
        if (!actorIsAdmin)
        {
            if (requested.FirstOrDefault(grant => !Managed.Contains(grant.LocationId)) is { LocationId: var elsewhere } && elsewhere != Guid.Empty)
            {
                throw new ForbiddenException("You can give roles only at the locations you manage.") { LocationId = elsewhere };
            }

            if (!chainRoles.OrderBy(role => role, StringComparer.Ordinal).SequenceEqual(currentChain.OrderBy(role => role, StringComparer.Ordinal)))
            {
                throw new ForbiddenException("Only operations admins give or take chain-wide roles.");
            }
        }

        var kept = actorIsAdmin ? [] : current.Where(grant => !Managed.Contains(grant.LocationId));
        return ([.. kept.Concat(requested).Distinct()], [.. chainRoles.Distinct()]);
    }
}
