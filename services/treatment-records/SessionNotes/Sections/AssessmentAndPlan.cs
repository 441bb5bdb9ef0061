namespace NmtPractice.TreatmentRecords.SessionNotes.Sections;

/// <summary>How the session went and what comes next.</summary>
/// <param name="Assessment">The therapist's assessment: response to treatment, changes found.</param>
/// <param name="Plan">The plan: frequency, focus of the next sessions, referrals.</param>
/// <param name="PainAfter">Pain after the session (NPRS 0-10).</param>
/// <param name="HomeCare">Home care advice: stretches, self-care, heat or ice.</param>
public sealed record AssessmentAndPlan(string? Assessment, string? Plan, int PainAfter, string? HomeCare);

/// <summary>The assessment and plan section as sent.</summary>
public sealed record AssessmentAndPlanRequest(string? Assessment, string? Plan, int? PainAfter, string? HomeCare)
{
    internal AssessmentAndPlan Parse(InputErrors errors, string path) => new(
        errors.OptionalText($"{path}assessment", Assessment, 4000),
        errors.OptionalText($"{path}plan", Plan, 4000),
        errors.Rating($"{path}painAfter", PainAfter),
        errors.OptionalText($"{path}homeCare", HomeCare, 4000));
}
