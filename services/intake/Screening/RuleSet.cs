using System.Text.Json;
using System.Text.Json.Serialization;

namespace NmtPractice.Intake.Screening;

/// <summary>The four kinds of finding (see the domain notes on contraindications).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingCategory>))]
public enum FindingCategory
{
    /// <summary>No treatment.</summary>
    [JsonStringEnumMemberName("absolute")] AbsoluteContraindication,

    /// <summary>Treat, but avoid the named body regions.</summary>
    [JsonStringEnumMemberName("local")] LocalContraindication,

    /// <summary>A physician must clear treatment first.</summary>
    [JsonStringEnumMemberName("clearance")] PhysicianClearanceRequired,

    /// <summary>Treat with an adaptation (lighter pressure, positioning).</summary>
    [JsonStringEnumMemberName("precaution")] Precaution,
}

/// <summary>One screening rule: when its condition holds on the answers, it produces a finding.</summary>
public sealed record ScreeningRule
{
    /// <summary>Stable id, e.g. <c>ABS-DVT</c>: findings, clearances and reviews refer to it.</summary>
    public required string Id { get; init; }

    public required FindingCategory Category { get; init; }

    /// <summary>A short name of the condition, e.g. "Suspected deep vein thrombosis".</summary>
    public required string Title { get; init; }

    /// <summary>Why it matters and what to do, for the clinician reading the screening.</summary>
    public required string Explanation { get; init; }

    public required Condition When { get; init; }

    /// <summary>Local contraindications: the regions question whose answer names the regions to avoid.</summary>
    public string? AvoidRegionsFrom { get; init; }

    /// <summary>Precautions: adaptation codes from the rule set's catalogue.</summary>
    public IReadOnlyList<string> Adaptations { get; init; } = [];
}

/// <summary>An adaptation of treatment a precaution calls for.</summary>
public sealed record Adaptation(string Code, string Description);

/// <summary>
/// The screening rule set: reviewed clinical data, versioned, mapping intake answers to findings.
/// Each screening decision records the version that produced it. Shipped as an embedded JSON file;
/// a change is a new version with its review recorded.
/// </summary>
public sealed record RuleSet
{
    public required string Version { get; init; }

    /// <summary>Who reviewed this version, and when.</summary>
    public required string ReviewedBy { get; init; }

    public required DateOnly ReviewedOn { get; init; }

    /// <summary>The questionnaire (id and version) whose answers these rules read.</summary>
    public required string QuestionnaireId { get; init; }

    public required int QuestionnaireVersion { get; init; }

    public required IReadOnlyList<Adaptation> Adaptations { get; init; }

    public required IReadOnlyList<ScreeningRule> Rules { get; init; }

    /// <summary>The rule set shipped with the service.</summary>
    // Stryker disable once all : set once per process, which Stryker's reused test process cannot mutate (stryker-net#3742); loading this resource is tested directly
    public static RuleSet Current { get; } = Load("NmtPractice.Intake.Screening.screening-rules.v1.json", Questionnaire.Current);

    /// <summary>Loads and checks a rule set against its questionnaire; refuses an unsound one.</summary>
    public static RuleSet Load(string resource, Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        using var stream = typeof(RuleSet).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded rule set {resource}.");
        var rules = JsonSerializer.Deserialize<RuleSet>(stream, Questionnaire.JsonOptions)
            ?? throw new InvalidOperationException($"Empty rule set {resource}.");
        var problems = rules.Problems(questionnaire).ToList();
        return problems.Count == 0
            ? rules
            : throw new InvalidOperationException($"Rule set {resource} is not sound: {string.Join("; ", problems)}.");
    }

    /// <summary>Everything wrong with the rule set for the questionnaire; empty when it is sound.</summary>
    public IEnumerable<string> Problems(Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        if (questionnaire.Id != QuestionnaireId || questionnaire.Version != QuestionnaireVersion)
        {
            yield return $"written for questionnaire {QuestionnaireId} v{QuestionnaireVersion}, not {questionnaire.Id} v{questionnaire.Version}";
        }

        foreach (var duplicate in Rules.GroupBy(rule => rule.Id).Where(group => group.Count() > 1))
        {
            yield return $"rule id {duplicate.Key} appears {duplicate.Count()} times";
        }

        var adaptations = Adaptations.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            foreach (var problem in rule.When.Problems(questionnaire.QuestionsById))
            {
                yield return $"{rule.Id}: {problem}";
            }

            if (rule.Category == FindingCategory.LocalContraindication
                && (rule.AvoidRegionsFrom is null || !questionnaire.QuestionsById.TryGetValue(rule.AvoidRegionsFrom, out var regions) || regions.Type != QuestionType.Regions))
            {
                yield return $"{rule.Id}: a local contraindication needs avoidRegionsFrom naming a regions question";
            }

            if (rule.Category == FindingCategory.Precaution && rule.Adaptations.Count == 0)
            {
                yield return $"{rule.Id}: a precaution needs at least one adaptation";
            }

            foreach (var unknown in rule.Adaptations.Where(code => !adaptations.Contains(code)))
            {
                yield return $"{rule.Id}: unknown adaptation '{unknown}'";
            }
        }
    }
}
