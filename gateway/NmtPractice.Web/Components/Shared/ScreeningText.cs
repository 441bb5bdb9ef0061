namespace NmtPractice.Web.Components.Shared;

/// <summary>Screening outcomes as staff read them.</summary>
internal static class ScreeningText
{
    public static string Outcome(string? outcome) => outcome switch
    {
        "Cleared" => "cleared",
        "ClearedWithPrecautions" => "cleared with precautions",
        "PhysicianClearanceRequired" => "physician clearance required",
        "Contraindicated" => "contraindicated",
        _ => "pending",
    };
}
