namespace NmtPractice.Intake;

/// <summary>Configuration section <c>Intake</c>.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>How long an intake is valid before it must be renewed (months).</summary>
    public int ValidityMonths { get; set; } = 12;

    /// <summary>How often lapsed intakes and clearances are looked for.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}
