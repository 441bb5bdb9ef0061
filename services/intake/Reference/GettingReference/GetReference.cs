using NmtPractice.Contracts.Anatomy;

namespace NmtPractice.Intake.Reference.GettingReference;

/// <summary>
/// <c>GET /api/intake/questionnaire</c>, <c>/body-regions</c> and <c>/screening-rules</c>: what intake
/// forms and screening reviewers read (the rule set only for clinicians and managers).
/// </summary>
internal static class GetReferenceEndpoints
{
    internal static Ok<Questionnaire> Questionnaire() => TypedResults.Ok(Questionnaires.Questionnaire.Current);

    internal static Ok<IReadOnlyList<BodyRegion>> BodyRegions() => TypedResults.Ok(Contracts.Anatomy.BodyRegions.All);

    internal static Ok<RuleSet> ScreeningRules() => TypedResults.Ok(RuleSet.Current);
}
