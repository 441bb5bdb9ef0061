namespace NmtPractice.Web.Api;

/// <summary>A role held at a location.</summary>
public sealed record StaffRoleView(Guid LocationId, string Role);

/// <summary>A staff member, as <c>/api/staff</c> returns them.</summary>
public sealed record StaffMemberView(
    string Id,
    string DisplayName,
    string Email,
    IReadOnlyList<StaffRoleView> Roles,
    IReadOnlyList<string> ChainRoles,
    string Status,
    bool LockedOut,
    bool TwoFactorEnabled,
    DateTimeOffset? InvitedAt,
    string Version)
{
    public string ETag => $"\"{Version}\"";
}

/// <summary>A one-time set-password link to hand to the person.</summary>
public sealed record SetPasswordLinkView(StaffMemberView Member, string Link, DateTimeOffset ExpiresAt);
