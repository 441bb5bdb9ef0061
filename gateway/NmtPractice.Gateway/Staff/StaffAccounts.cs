using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NmtPractice.Contracts.Security;
using NmtPractice.Gateway.Identity;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;
using OpenIddict.Abstractions;

namespace NmtPractice.Gateway.Staff;

/// <summary>
/// Staff accounts: invite, change roles, deactivate, reactivate, unlock, force a password reset. Each
/// change is checked by <see cref="StaffAccess"/>, made with the account's concurrency stamp (a change
/// made meanwhile is never overwritten) and audited with who did it, to whom, what and from where.
/// Ending a person's access ends their sign-in sessions, revokes their refresh tokens and makes the
/// gateway refuse their access tokens (<see cref="AccountStatus"/>).
/// </summary>
internal sealed class StaffAccounts(
    UserManager<NmtUser> users,
    CurrentUser actor,
    IdentityAudit audit,
    AccountStatus status,
    SignInSessions sessions,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    IHttpContextAccessor http,
    IOptions<NmtIdentityOptions> options,
    TimeProvider time)
{
    private StaffAccess Access => StaffAccess.Of(actor);

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("There is no current request.");

    public async Task<IReadOnlyList<StaffMember>> ListAsync(Guid? locationId, CancellationToken cancellationToken)
    {
        var access = Access;
        if (locationId is { } location && !access.Manages(location))
        {
            throw new ForbiddenException("You see the staff of the locations you manage.") { LocationId = location };
        }

        var all = await users.Users.AsNoTracking().OrderBy(user => user.DisplayName).ToListAsync(cancellationToken);
        var seen = all.Where(access.MaySee).Where(user => locationId is null || user.Grants.Any(grant => grant.LocationId == locationId)).ToList();
        await audit.RecordAsync(Context, actor.Id, new AuditEntry("list", "staff", locationId?.ToString() ?? "all", locationId, null), allowed: true, time.GetUtcNow());
        return [.. seen.Select(View)];
    }

    public async Task<(StaffMember Member, string ETag)> GetAsync(string id, CancellationToken cancellationToken)
    {
        var user = await FindVisibleAsync(id);
        await audit.RecordAsync(Context, actor.Id, new AuditEntry("read", "staff", user.Id, null, null), allowed: true, time.GetUtcNow());
        return (View(user), ETagOf(user));
    }

    public async Task<SetPasswordLink> InviteAsync(InviteStaffMember request, CancellationToken cancellationToken)
    {
        var (email, displayName, grants, chainRoles) = StaffValidation.Invitation(request);
        var (resolvedGrants, resolvedChain) = Access.Resolve(null, grants, chainRoles);
        if (await users.FindByNameAsync(email) is not null || await users.FindByEmailAsync(email) is not null)
        {
            throw new ConflictException("Already on staff", "Someone with this email already has an account: change their roles instead.");
        }

        var now = time.GetUtcNow();
        var user = new NmtUser
        {
            Id = Guid.CreateVersion7().ToString(),
            UserName = email,
            Email = email,
            DisplayName = displayName,
            LocationRoles = [.. resolvedGrants.Select(grant => grant.ToString())],
            Roles = resolvedChain,
            InvitedAt = now,
            InvitedBy = actor.Id,
        };
        Check(await users.CreateAsync(user), "invite");
        await AuditChangesAsync(user.Id, "invited", [], [], resolvedGrants, resolvedChain);
        return await LinkAsync(user);
    }

    public async Task<(StaffMember Member, string ETag)> ChangeRolesAsync(string id, string? ifMatch, ChangeStaffRoles request, CancellationToken cancellationToken)
    {
        var (grants, chainRoles) = StaffValidation.Roles(request);
        var user = await FindVisibleAsync(id);
        var access = Access;
        access.EnsureNotSelf(user, "change the roles of");
        EnsureMatches(user, ifMatch);
        var before = (Grants: user.Grants.ToList(), Chain: user.Roles.ToList());
        var (resolvedGrants, resolvedChain) = access.Resolve(user, grants, chainRoles);
        if (resolvedGrants.Count == 0 && resolvedChain.Count == 0)
        {
            throw new RequestValidationException("roles", "Leave the person at least one role, or deactivate their account instead.");
        }

        if (before.Chain.Contains(NmtRoles.OperationsAdmin) && !resolvedChain.Contains(NmtRoles.OperationsAdmin))
        {
            await EnsureAnotherActiveAdminAsync(user, cancellationToken);
        }

        user.LocationRoles = [.. resolvedGrants.Select(grant => grant.ToString())];
        user.Roles = resolvedChain;
        Check(await users.UpdateAsync(user), "change roles");
        await AuditChangesAsync(user.Id, "roles-changed", before.Grants, before.Chain, resolvedGrants, resolvedChain);
        return (View(user), ETagOf(user));
    }

    public async Task<StaffMember> DeactivateAsync(string id, CancellationToken cancellationToken)
    {
        var user = await FindAdministrableAsync(id, "deactivate");
        if (user.Roles.Contains(NmtRoles.OperationsAdmin))
        {
            await EnsureAnotherActiveAdminAsync(user, cancellationToken);
        }

        if (user.IsActive)
        {
            user.IsActive = false;
            await EndSessionsAsync(user);
            await RecordAsync(user.Id, "deactivated");
        }

        return View(user);
    }

    public async Task<StaffMember> ReactivateAsync(string id, CancellationToken cancellationToken)
    {
        var user = await FindAdministrableAsync(id, "reactivate");
        if (!user.IsActive)
        {
            user.IsActive = true;
            Check(await users.UpdateAsync(user), "reactivate");
            status.Forget(user.Id);
            await RecordAsync(user.Id, "reactivated");
        }

        return View(user);
    }

    public async Task<StaffMember> UnlockAsync(string id, CancellationToken cancellationToken)
    {
        var user = await FindAdministrableAsync(id, "unlock");
        Check(await users.SetLockoutEndDateAsync(user, null), "unlock");
        Check(await users.ResetAccessFailedCountAsync(user), "unlock");
        await RecordAsync(user.Id, "unlocked");
        return View(user);
    }

    /// <summary>
    /// Ends the person's sessions, clears their password and gives a new one-time set-password link
    /// (for someone invited who lost theirs, a new link; earlier links stop working).
    /// </summary>
    public async Task<SetPasswordLink> ResetPasswordAsync(string id, CancellationToken cancellationToken)
    {
        var user = await FindAdministrableAsync(id, "reset the password of");
        if (await users.HasPasswordAsync(user))
        {
            Check(await users.RemovePasswordAsync(user), "reset password");
        }

        // A lost phone is the usual reason: the second factor is set up again at the next sign-in.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        await EndSessionsAsync(user);
        await RecordAsync(user.Id, "password-reset-forced");
        return await LinkAsync(user);
    }

    private async Task<SetPasswordLink> LinkAsync(NmtUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var issuer = options.Value.Issuer ?? new Uri($"{Context.Request.Scheme}://{Context.Request.Host}/");
        var link = new Uri(issuer, $"{SetPasswordPage.Path.TrimStart('/')}?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
        return new SetPasswordLink(View(user), link, time.GetUtcNow() + options.Value.SetPasswordLinkLifetime);
    }

    /// <summary>Every session and token of the user ends: sign-in cookies, refresh tokens, and (at the gateway) access tokens issued before now.</summary>
    private async Task EndSessionsAsync(NmtUser user)
    {
        user.SessionsRevokedAt = time.GetUtcNow();
        Check(await users.UpdateAsync(user), "end sessions");
        Check(await users.UpdateSecurityStampAsync(user), "end sessions");
        await tokens.RevokeBySubjectAsync(user.Id);
        await authorizations.RevokeBySubjectAsync(user.Id);
        await sessions.EndAllAsync(user.Id);
        status.Forget(user.Id);
    }

    private async Task EnsureAnotherActiveAdminAsync(NmtUser leaving, CancellationToken cancellationToken)
    {
        var admins = await users.Users.AsNoTracking().Where(user => user.IsActive && user.Id != leaving.Id).ToListAsync(cancellationToken);
        if (!admins.Any(user => user.Roles.Contains(NmtRoles.OperationsAdmin)))
        {
            throw new ConflictException("The last operations admin", "The chain needs at least one active operations admin: make someone else one first.");
        }
    }

    private async Task<NmtUser> FindVisibleAsync(string id)
    {
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException("No such staff member", "There is no staff member with this id.");
        return Access.MaySee(user)
            ? user
            : throw new ForbiddenException("This person holds no role at a location you manage.") { LocationId = user.Grants.Count > 0 ? user.Grants[0].LocationId : null };
    }

    private async Task<NmtUser> FindAdministrableAsync(string id, string what)
    {
        var user = await FindVisibleAsync(id);
        var access = Access;
        access.EnsureNotSelf(user, what);
        if (!access.MayAdminister(user))
        {
            throw new ForbiddenException($"This person also holds roles at locations you do not manage: an operations admin or their other manager can {what} the account.");
        }

        return user;
    }

    private static void EnsureMatches(NmtUser user, string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw new PreconditionRequiredException("Send If-Match with the ETag of the staff member you read, so that no one's change is overwritten.");
        }

        if (ifMatch.Trim() != ETagOf(user))
        {
            throw new PreconditionFailedException("This staff member was changed since you read them: read them again.");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(error => error.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new PreconditionFailedException("This staff member was changed meanwhile: read them again.");
        }

        throw new ConflictException($"Could not {what}", string.Join(" ", result.Errors.Select(error => error.Description)));
    }

    private Task RecordAsync(string userId, string action) =>
        audit.RecordAsync(Context, actor.Id, new AuditEntry(action, "staff", userId, null, null), allowed: true, time.GetUtcNow());

    /// <summary>One audit row for the change, and one per role given or taken (with its location).</summary>
    private async Task AuditChangesAsync(string userId, string action, IReadOnlyList<LocationRole> before, IReadOnlyList<string> chainBefore, IReadOnlyList<LocationRole> after, IReadOnlyList<string> chainAfter)
    {
        var at = time.GetUtcNow();
        await audit.RecordAsync(Context, actor.Id, new AuditEntry(action, "staff", userId, null, null), allowed: true, at);
        foreach (var grant in after.Except(before))
        {
            await audit.RecordAsync(Context, actor.Id, new AuditEntry($"role-granted:{grant.Role}", "staff", userId, grant.LocationId, null), allowed: true, at);
        }

        foreach (var grant in before.Except(after))
        {
            await audit.RecordAsync(Context, actor.Id, new AuditEntry($"role-removed:{grant.Role}", "staff", userId, grant.LocationId, null), allowed: true, at);
        }

        foreach (var role in chainAfter.Except(chainBefore))
        {
            await audit.RecordAsync(Context, actor.Id, new AuditEntry($"role-granted:{role}", "staff", userId, null, null), allowed: true, at);
        }

        foreach (var role in chainBefore.Except(chainAfter))
        {
            await audit.RecordAsync(Context, actor.Id, new AuditEntry($"role-removed:{role}", "staff", userId, null, null), allowed: true, at);
        }
    }

    internal static string ETagOf(NmtUser user) => $"\"{user.ConcurrencyStamp}\"";

    internal StaffMember View(NmtUser user) => new(
        user.Id,
        user.DisplayName,
        user.Email ?? user.UserName ?? string.Empty,
        [.. user.Grants.Select(grant => new StaffRole(grant.LocationId, grant.Role))],
        [.. user.Roles],
        !user.IsActive ? StaffStatus.Deactivated
            : user.PasswordHash is not null ? StaffStatus.Active
            : user.SessionsRevokedAt is not null ? StaffStatus.PasswordResetPending
            : StaffStatus.Invited,
        user.LockoutEnd is { } end && end > time.GetUtcNow(),
        user.TwoFactorEnabled,
        user.InvitedAt,
        user.ConcurrencyStamp ?? string.Empty);
}

/// <summary>What makes an invitation or a role change well-formed (400 naming the field otherwise).</summary>
internal static class StaffValidation
{
    public static (string Email, string DisplayName, List<LocationRole> Grants, List<string> ChainRoles) Invitation(InviteStaffMember? request)
    {
        var errors = new Dictionary<string, string[]>();
        var email = request?.Email?.Trim() ?? string.Empty;
        if (email.Length is 0 or > 254 || !MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0)
        {
            errors["email"] = ["An email address such as name@example.org (it becomes the person's user name)."];
        }

        var displayName = request?.DisplayName?.Trim() ?? string.Empty;
        if (displayName.Length is 0 or > 200 || displayName.Any(char.IsControl))
        {
            errors["displayName"] = ["The person's name as colleagues see it: 1 to 200 characters."];
        }

        var (grants, chainRoles) = Read(request?.Roles, request?.ChainRoles, errors);
        if (errors.Count == 0 && grants.Count == 0 && chainRoles.Count == 0)
        {
            errors["roles"] = ["Give the person at least one role at a location."];
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : (email.ToLowerInvariant(), displayName, grants, chainRoles);
    }

    public static (List<LocationRole> Grants, List<string> ChainRoles) Roles(ChangeStaffRoles? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Roles is null)
        {
            errors["roles"] = ["The person's roles per location, whole (an empty list takes every role at the locations you manage)."];
        }

        var read = Read(request?.Roles, request?.ChainRoles, errors);
        return errors.Count > 0 ? throw new RequestValidationException(errors) : read;
    }

    private static (List<LocationRole>, List<string>) Read(List<StaffRole>? roles, List<string>? chainRoles, Dictionary<string, string[]> errors)
    {
        var grants = new List<LocationRole>();
        if (roles is { Count: > 60 })
        {
            errors["roles"] = ["At most 60 roles."];
            return ([], []);
        }

        foreach (var (role, index) in (roles ?? []).Select((role, index) => (role, index)))
        {
            if (role is null || role.LocationId == Guid.Empty)
            {
                errors[$"roles[{index}].locationId"] = ["The location's id."];
            }
            else if (!NmtRoles.AtALocation.Contains(role.Role))
            {
                errors[$"roles[{index}].role"] = [$"One of {string.Join(", ", NmtRoles.AtALocation)}."];
            }
            else
            {
                grants.Add(new LocationRole(role.LocationId, role.Role));
            }
        }

        var chain = chainRoles ?? [];
        if (chain.FirstOrDefault(role => !NmtRoles.ChainWide.Contains(role)) is { } unknown)
        {
            errors["chainRoles"] = [$"Chain-wide roles are {string.Join(", ", NmtRoles.ChainWide)}; '{(unknown.Length > 40 ? unknown[..40] : unknown)}' is not one."];
        }

        return ([.. grants.Distinct()], [.. chain.Distinct()]);
    }
}
