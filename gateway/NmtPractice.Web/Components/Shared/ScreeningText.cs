using NmtPractice.Contracts.Intake;

namespace NmtPractice.Web.Components.Shared;

/// <summary>Screening outcomes as staff read them.</summary>
internal static class ScreeningText
{
    public static string Outcome(string? outcome) => outcome switch
    {
        ScreeningStatuses.Cleared => "cleared",
        ScreeningStatuses.ClearedWithPrecautions => "cleared with precautions",
        ScreeningStatuses.PhysicianClearanceRequired => "physician clearance required",
        ScreeningStatuses.Contraindicated => "contraindicated",
        _ => "pending",
    };
}
