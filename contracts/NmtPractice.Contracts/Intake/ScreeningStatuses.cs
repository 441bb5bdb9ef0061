namespace NmtPractice.Contracts.Intake;

/// <summary>
/// The outcome of a client's screening, as <see cref="ScreeningCompleted.Status"/> carries it: the one
/// definition every service and the web app read it by. Intake publishes exactly these names (a test
/// holds its screening outcomes to them).
/// </summary>
public static class ScreeningStatuses
{
    /// <summary>No contraindication: treat as usual.</summary>
    public const string Cleared = "Cleared";

    /// <summary>Treat with the listed precautions and away from the regions to avoid.</summary>
    public const string ClearedWithPrecautions = "ClearedWithPrecautions";

    /// <summary>No treatment until a valid physician's clearance is on record.</summary>
    public const string PhysicianClearanceRequired = "PhysicianClearanceRequired";

    /// <summary>An absolute contraindication: no treatment, no booking.</summary>
    public const string Contraindicated = "Contraindicated";

    /// <summary>Every status, mildest first.</summary>
    public static readonly IReadOnlyList<string> All = [Cleared, ClearedWithPrecautions, PhysicianClearanceRequired, Contraindicated];
}
