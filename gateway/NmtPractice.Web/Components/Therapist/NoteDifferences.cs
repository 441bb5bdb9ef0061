using System.Globalization;
using NmtPractice.Web.Api;

namespace NmtPractice.Web.Components.Therapist;

/// <summary>What an amendment changed in its section: each field whose value differs, before and after, in words.</summary>
internal static class NoteDifferences
{
    public static IReadOnlyList<(string Field, string Before, string After)> Of(
        string section, SessionNoteView before, SessionNoteView after, Func<string, string> region, Func<string, string> muscle, Func<string, string> technique)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(muscle);
        ArgumentNullException.ThrowIfNull(technique);
        var fields = section switch
        {
            "subjective" => Subjective(before.Subjective, region).Zip(Subjective(after.Subjective, region)),
            "objective" => Objective(before.Objective, region, muscle).Zip(Objective(after.Objective, region, muscle)),
            "treatment" => Treatment(before.Treatment, region, technique).Zip(Treatment(after.Treatment, region, technique)),
            _ => Assessment(before.Assessment).Zip(Assessment(after.Assessment)),
        };
        return [.. fields.Where(pair => pair.First.Value != pair.Second.Value).Select(pair => (pair.First.Field, pair.First.Value, pair.Second.Value))];
    }

    private static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "(empty)" : value;

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "(none)";

    private static string List(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : "(none)";

    private static (string Field, string Value)[] Subjective(SubjectiveView? s, Func<string, string> region) =>
    [
        ("Chief complaint", Text(s?.ChiefComplaint)),
        ("Pain before", Number(s?.PainBefore)),
        ("Pain regions", List((s?.PainRegions ?? []).Select(region))),
        ("Goals", List(s?.Goals ?? [])),
    ];

    private static (string Field, string Value)[] Objective(ObjectiveView? o, Func<string, string> region, Func<string, string> muscle) =>
    [
        ("Posture", Text(o?.Posture)),
        ("Biomechanical findings", Text(o?.Biomechanics)),
        ("Trigger points", List((o?.TriggerPoints ?? []).Select(point => $"{muscle(point.Muscle)} ({region(point.Region)}, {point.Kind})"))),
    ];

    private static (string Field, string Value)[] Treatment(TreatmentView? t, Func<string, string> region, Func<string, string> technique) =>
    [
        ("Techniques", List((t?.Techniques ?? []).Select(x => $"{technique(x.Kind)} on {region(x.Region)}, {x.Pressure}, discomfort {x.Discomfort}"))),
    ];

    private static (string Field, string Value)[] Assessment(AssessmentView? a) =>
    [
        ("Assessment", Text(a?.Assessment)),
        ("Plan", Text(a?.Plan)),
        ("Pain after", Number(a?.PainAfter)),
        ("Home care advice", Text(a?.HomeCare)),
    ];
}
