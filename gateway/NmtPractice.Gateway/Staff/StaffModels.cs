namespace NmtPractice.Gateway.Staff;

/// <summary>A role held at a location.</summary>
public sealed record StaffRole(Guid LocationId, string Role);

/// <summary>Invite a person: their email (their user name), the name shown, their roles per location and, for the chain's operations, chain-wide roles.</summary>
public sealed record InviteStaffMember(string? Email, string? DisplayName, List<StaffRole>? Roles, List<string>? ChainRoles);

/// <summary>A staff member's roles, whole: per location and chain-wide (a manager's request changes only their own locations' part).</summary>
public sealed record ChangeStaffRoles(List<StaffRole>? Roles, List<string>? ChainRoles);

/// <summary>Whether a staff member can sign in.</summary>
public enum StaffStatus
{
    /// <summary>Invited; has not set a password yet.</summary>
    Invited,

    /// <summary>Signs in.</summary>
    Active,

    /// <summary>Must set a new password through the link they were given (a forced reset).</summary>
    PasswordResetPending,

    /// <summary>Deactivated: cannot sign in; every token refused.</summary>
    Deactivated,
}

/// <summary>A staff member as the administration pages show them; <see cref="Version"/> is what their ETag names.</summary>
public sealed record StaffMember(
    string Id,
    string DisplayName,
    string Email,
    IReadOnlyList<StaffRole> Roles,
    IReadOnlyList<string> ChainRoles,
    StaffStatus Status,
    bool LockedOut,
    bool TwoFactorEnabled,
    DateTimeOffset? InvitedAt,
    string Version);

/// <summary>A one-time link that lets its holder set the account's password, to hand to the person (and, once notifications exist, to email them).</summary>
public sealed record SetPasswordLink(StaffMember Member, Uri Link, DateTimeOffset ExpiresAt);
