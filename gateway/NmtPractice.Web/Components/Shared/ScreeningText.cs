using NmtPractice.Contracts.Intake;

namespace NmtPractice.Web.Components.Shared;

/// <summary>Screening outcomes as staff read them.</summary>
internal static class ScreeningText
{
    /// <summary>A body region's name, from its code.</summary>
    public static string Region(string code) => NmtPractice.Contracts.Anatomy.BodyRegions.Find(code)?.Name ?? code;

    /// <summary>A precaution (an adaptation code such as <c>lighter-pressure</c>) in words.</summary>
    public static string Precaution(string code) => code.Replace('-', ' ');

    public static string Outcome(string? outcome) => outcome switch
    {
        ScreeningStatuses.Cleared => "cleared",
        ScreeningStatuses.ClearedWithPrecautions => "cleared with precautions",
        ScreeningStatuses.PhysicianClearanceRequired => "physician clearance required",
        ScreeningStatuses.Contraindicated => "contraindicated",
        _ => "pending",
    };
}
