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

    /// <summary>Every role, for validation of what an identity provider sends.</summary>
    public static readonly IReadOnlyList<string> All = [FrontDesk, Therapist, ClinicManager, OperationsAdmin];
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

    /// <summary>The API audience every access token must name.</summary>
    public const string ApiAudience = "nmt-api";

    /// <summary>The scope a client asks for to call the API.</summary>
    public const string ApiScope = "nmt-api";
}
