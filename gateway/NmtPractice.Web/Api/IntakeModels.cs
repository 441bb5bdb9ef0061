namespace NmtPractice.Web.Api;

/// <summary>A client found by name at the desk.</summary>
public sealed record ClientMatchView(Guid Id, string Name, DateOnly DateOfBirth, string? Screening)
{
    /// <summary>What the desk must know before booking, or null when nothing stands in the way.</summary>
    public string? Warning => Screening switch
    {
        "Contraindicated" => "Contraindicated: this client cannot be booked for treatment.",
        "PhysicianClearanceRequired" => "Needs a physician's clearance before treatment.",
        null => "Intake or consent not complete yet: screening is pending.",
        _ => null,
    };

    public bool Blocked => Screening == "Contraindicated";
}
