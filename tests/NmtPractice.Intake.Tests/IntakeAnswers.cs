using System.Text.Json;

namespace NmtPractice.Intake.Tests;

/// <summary>Answer sets for tests: a healthy client's answers, changed where a case needs.</summary>
internal static class IntakeAnswers
{
    public static readonly DateOnly Today = new(2026, 11, 24);

    public static Dictionary<string, JsonElement> Healthy(params (string Id, object? Value)[] changes)
    {
        var answers = new Dictionary<string, object?>
        {
            ["fever"] = false,
            ["contagious_infection"] = false,
            ["contagious_skin_condition"] = false,
            ["dvt_signs"] = false,
            ["blood_pressure_uncontrolled"] = false,
            ["head_injury_not_cleared"] = false,
            ["emergency_signs"] = false,
            ["alcohol_or_drugs"] = false,
            ["cancer_treatment"] = false,
            ["bleeding_disorder"] = false,
            ["osteoporosis"] = false,
            ["diabetes"] = false,
            ["fragile_skin"] = false,
            ["medications"] = "Ibuprofen as needed",
            ["anticoagulants"] = false,
            ["long_term_steroids"] = false,
            ["surgery_last_3_months"] = false,
            ["fracture_last_3_months"] = false,
            ["accident_last_6_weeks"] = false,
            ["pregnant"] = false,
            ["pain_regions"] = new[] { "neck-posterior", "upper-trapezius-right" },
            ["pain_intensity"] = 6,
            ["goals"] = "Less neck pain at my desk job",
        };
        foreach (var (id, value) in changes)
        {
            if (value is null)
            {
                answers.Remove(id);
            }
            else
            {
                answers[id] = value;
            }
        }

        return answers.ToDictionary(pair => pair.Key, pair => JsonSerializer.SerializeToElement(pair.Value), StringComparer.Ordinal);
    }
}
