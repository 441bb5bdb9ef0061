using System.Text.Json.Serialization;

namespace NmtPractice.Intake.Screening;

/// <summary>The outcome of a screening.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScreeningOutcome>))]
public enum ScreeningOutcome
{
    Cleared,
    ClearedWithPrecautions,
    PhysicianClearanceRequired,
    Contraindicated,
}

/// <summary>One rule that fired, with what it means for treatment.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Category">Its category.</param>
/// <param name="Title">The condition.</param>
/// <param name="Explanation">Why it matters.</param>
/// <param name="RegionsToAvoid">Local contraindications: body-region codes not to treat.</param>
/// <param name="Adaptations">Precautions: adaptation codes.</param>
/// <param name="ClearedBy">Clearance-required findings: the valid physician clearance that covers it, if any.</param>
public sealed record Finding(
    string RuleId,
    FindingCategory Category,
    string Title,
    string Explanation,
    IReadOnlyList<string> RegionsToAvoid,
    IReadOnlyList<string> Adaptations,
    Guid? ClearedBy);

/// <summary>A physician's clearance as the screening sees it.</summary>
public sealed record ClearanceInForce(Guid ClearanceId, IReadOnlyList<string> CoversRules, DateOnly ClearedOn, DateOnly ExpiresOn)
{
    public bool IsValidOn(DateOnly day) => ClearedOn <= day && day <= ExpiresOn;
}

/// <summary>The screening's result: outcome, every finding with its explanation, and the rule-set version.</summary>
public sealed record ScreeningResult(ScreeningOutcome Outcome, IReadOnlyList<Finding> Findings, string RuleSetVersion)
{
    public IReadOnlyList<string> RegionsToAvoid => Findings.SelectMany(f => f.RegionsToAvoid).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Adaptations => Findings.SelectMany(f => f.Adaptations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// Evaluates a rule set on an intake: pure and deterministic. Any absolute contraindication gives
/// Contraindicated; else a clearance-required finding without a valid clearance covering its rule
/// gives PhysicianClearanceRequired; else any finding gives ClearedWithPrecautions; else Cleared.
/// </summary>
public static class ScreeningEngine
{
    public static ScreeningResult Evaluate(
        RuleSet rules,
        AnswerSet answers,
        DateOnly? dateOfBirth,
        DateOnly today,
        IReadOnlyCollection<ClearanceInForce> clearances)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(clearances);
        var context = new ScreeningContext(answers, today, dateOfBirth is { } born ? AgeOn(born, today) : null);
        var valid = clearances.Where(clearance => clearance.IsValidOn(today)).ToList();

        var findings = rules.Rules
            .Where(rule => rule.When.Holds(context))
            .Select(rule => new Finding(
                rule.Id,
                rule.Category,
                rule.Title,
                rule.Explanation,
                rule.Category == FindingCategory.LocalContraindication ? answers.List(rule.AvoidRegionsFrom!) : [],
                rule.Adaptations,
                rule.Category == FindingCategory.PhysicianClearanceRequired
                    ? valid.FirstOrDefault(clearance => clearance.CoversRules.Contains(rule.Id))?.ClearanceId
                    : null))
            .ToList();

        var outcome =
            findings.Any(f => f.Category == FindingCategory.AbsoluteContraindication) ? ScreeningOutcome.Contraindicated
            : findings.Any(f => f.Category == FindingCategory.PhysicianClearanceRequired && f.ClearedBy is null) ? ScreeningOutcome.PhysicianClearanceRequired
            : findings.Count > 0 ? ScreeningOutcome.ClearedWithPrecautions
            : ScreeningOutcome.Cleared;
        return new ScreeningResult(outcome, findings, rules.Version);
    }

    /// <summary>Whole years of age on a day.</summary>
    public static int AgeOn(DateOnly born, DateOnly day)
    {
        var age = day.Year - born.Year;
        return born.AddYears(age) > day ? age - 1 : age;
    }
}
