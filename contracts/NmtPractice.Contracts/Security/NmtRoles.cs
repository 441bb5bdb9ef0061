namespace NmtPractice.Contracts.Security;

/// <summary>
/// The roles a user can hold, as carried in the access token's <c>role</c> claims. Every service
/// checks them on every endpoint; the gateway's identity server issues them.
/// </summary>
public static class NmtRoles
{
    /// <summary>Front-desk staff of one or more locations: bookings, check-in, waitlist, intake.</summary>
    public const string FrontDesk = "front-desk";

    /// <summary>A therapist at one or more locations: reads screening, records and signs session notes.</summary>
    public const string Therapist = "therapist";

    /// <summary>The manager of one or more locations: everything at those locations, and their dashboards.</summary>
    public const string ClinicManager = "clinic-manager";

    /// <summary>Operations and management of the chain: every location, dashboards and the audit log.</summary>
    public const string OperationsAdmin = "operations-admin";

    /// <summary>
    /// A client of the chain, signed in to the portal with a one-time code sent to their email. Not a
    /// staff role: a client's token carries one <see cref="NmtClaims.Client"/> claim per client record
    /// the email belongs to, reaches only endpoints that serve clients, and there only those records.
    /// </summary>
    public const string Client = "client";

    /// <summary>Every staff role, for validation of what an identity provider sends.</summary>
    public static readonly IReadOnlyList<string> All = [FrontDesk, Therapist, ClinicManager, OperationsAdmin];

    /// <summary>The roles held at a location (a user may hold different ones at different locations).</summary>
    public static readonly IReadOnlyList<string> AtALocation = [FrontDesk, Therapist, ClinicManager];

    /// <summary>The roles held across the chain, at no location in particular.</summary>
    public static readonly IReadOnlyList<string> ChainWide = [OperationsAdmin];
}

/// <summary>
/// The sets of roles that endpoints allow, each named for who they are and defined once. A set names
/// who may call; which locations they may reach is checked against the caller's location claims.
/// </summary>
public static class NmtRoleSets
{
    /// <summary>Everyone on staff, the chain's operations included: reference data, calendars, the practice structure.</summary>
    public static readonly IReadOnlyList<string> AllStaff = NmtRoles.All;

    /// <summary>The staff of a location (front desk, therapists, its manager), not the chain's operations: client records.</summary>
    public static readonly IReadOnlyList<string> LocationStaff = [NmtRoles.FrontDesk, NmtRoles.Therapist, NmtRoles.ClinicManager];

    /// <summary>A location's front office (front desk and its manager): registering clients, the waitlist.</summary>
    public static readonly IReadOnlyList<string> FrontOffice = [NmtRoles.FrontDesk, NmtRoles.ClinicManager];

    /// <summary>A location's clinicians (therapists and its manager): screening, intakes, session notes, a client's course.</summary>
    public static readonly IReadOnlyList<string> Clinicians = [NmtRoles.Therapist, NmtRoles.ClinicManager];

    /// <summary>
    /// Who reads a client's clinical record (intake answers, screening findings, session notes): a
    /// location's clinicians, where the client is registered, booked or treated, and the chain's operations.
    /// </summary>
    public static readonly IReadOnlyList<string> ClinicalReaders = [NmtRoles.Therapist, NmtRoles.ClinicManager, NmtRoles.OperationsAdmin];

    /// <summary>Who merges duplicate registrations of one person: the chain's operations, who see every location.</summary>
    public static readonly IReadOnlyList<string> ChainOperations = [NmtRoles.OperationsAdmin];

    /// <summary>Who books, moves and cancels appointments: the front office and the chain's operations.</summary>
    public static readonly IReadOnlyList<string> Booking = [NmtRoles.FrontDesk, NmtRoles.ClinicManager, NmtRoles.OperationsAdmin];

    /// <summary>Who changes the practice structure: clinic managers (of their locations) and the chain's operations.</summary>
    public static readonly IReadOnlyList<string> Managers = [NmtRoles.ClinicManager, NmtRoles.OperationsAdmin];

    /// <summary>Everyone on staff, and a signed-in client for their own records only (the handler checks which).</summary>
    public static readonly IReadOnlyList<string> AllStaffAndTheClient = [.. NmtRoles.All, NmtRoles.Client];

    /// <summary>Who reads a client's clinical record, and the signed-in client their own (their health answers, for their copy of their data).</summary>
    public static readonly IReadOnlyList<string> ClinicalReadersAndTheClient = [.. ClinicalReaders, NmtRoles.Client];

    /// <summary>A location's front office, and a signed-in client for their own record only (their message preferences, online).</summary>
    public static readonly IReadOnlyList<string> FrontOfficeAndTheClient = [.. FrontOffice, NmtRoles.Client];

    /// <summary>A location's staff, and a signed-in client for their own record only (their intake and consent, online).</summary>
    public static readonly IReadOnlyList<string> LocationStaffAndTheClient = [.. LocationStaff, NmtRoles.Client];
}

/// <summary>Claim types of the access token that services rely on.</summary>
public static class NmtClaims
{
    /// <summary>The user's stable id.</summary>
    public const string Subject = "sub";

    /// <summary>A display name (for audit and UI; never logged).</summary>
    public const string Name = "name";

    /// <summary>One claim per role.</summary>
    public const string Role = "role";

    /// <summary>One claim per location id the user works at (operations admins need none: they see all).</summary>
    public const string Location = "location";

    /// <summary>
    /// One claim per role the user holds at a location, <c>{locationId}:{role}</c> (see <see cref="LocationRole"/>):
    /// a user can be clinic manager at one location and therapist at another. Chain-wide roles
    /// (operations admin) are <see cref="Role"/> claims with no location.
    /// </summary>
    public const string LocationRole = "location_role";

    /// <summary>One claim per client record a client's token reaches (the records their email belongs to).</summary>
    public const string Client = "nmt_client";

    /// <summary>The API audience every access token must name.</summary>
    public const string ApiAudience = "nmt-api";

    /// <summary>The scope a client asks for to call the API.</summary>
    public const string ApiScope = "nmt-api";
}

/// <summary>A role held at one location: the value of a <c>location_role</c> claim, <c>{locationId}:{role}</c>.</summary>
public readonly record struct LocationRole(Guid LocationId, string Role)
{
    /// <summary>
    /// Every role a principal holds at a location: its <c>location_role</c> claims; or, for a token with
    /// none (a service account, an external provider), each of its <c>role</c> claims at each of its
    /// <c>location</c> claims.
    /// </summary>
    public static IReadOnlyList<LocationRole> Of(System.Security.Claims.ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claims = principal.FindAll(NmtClaims.LocationRole).ToList();
        if (claims.Count > 0)
        {
            return [.. claims.Select(claim => TryParse(claim.Value, out var grant) ? grant : (LocationRole?)null).OfType<LocationRole>().Distinct()];
        }

        var roles = principal.FindAll(NmtClaims.Role).Select(claim => claim.Value).Where(NmtRoles.AtALocation.Contains).Distinct().ToList();
        return [.. principal.FindAll(NmtClaims.Location)
            .Select(claim => Guid.TryParse(claim.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .Distinct()
            .SelectMany(location => roles.Select(role => new LocationRole(location, role)))];
    }

    /// <summary>The claim value.</summary>
    public override string ToString() => $"{LocationId}:{Role}";

    /// <summary>Reads a claim value; false for anything that is not a location id and a known role.</summary>
    public static bool TryParse(string? value, out LocationRole grant)
    {
        grant = default;
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || !Guid.TryParse(value.AsSpan(0, colon), out var location) || location == Guid.Empty)
        {
            return false;
        }

        var role = value![(colon + 1)..];
        if (!NmtRoles.AtALocation.Contains(role))
        {
            return false;
        }

        grant = new LocationRole(location, role);
        return true;
    }
}
