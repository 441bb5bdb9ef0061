namespace NmtPractice.TreatmentRecords.SessionNotes.Sections;

/// <summary>What was done in the session.</summary>
/// <param name="Techniques">The techniques applied, in order.</param>
/// <param name="DiscomfortThreshold">The clinic's threshold when this was recorded: a discomfort above it is a safety flag.</param>
public sealed record Treatment(IReadOnlyList<Technique> Techniques, int DiscomfortThreshold)
{
    /// <summary>How many techniques went above the discomfort threshold.</summary>
    public int SafetyFlags => Techniques.Count(technique => technique.SafetyFlag);
}

/// <summary>A technique applied, with the parameters of its kind.</summary>
/// <param name="Kind">See <see cref="TechniqueKinds"/>.</param>
/// <param name="Region">Body-region code treated.</param>
/// <param name="Muscle">Muscle code (compressions and stripping).</param>
/// <param name="Cycles">Alternating ischemic compression: compress-release cycles.</param>
/// <param name="HoldSeconds">Alternating ischemic compression: seconds each compression is held.</param>
/// <param name="Releases">Prolonged ischemic compression: releases.</param>
/// <param name="SecondsEach">Prolonged ischemic compression: seconds each is held.</param>
/// <param name="Strokes">Muscle stripping: strokes.</param>
/// <param name="Direction">Muscle stripping: <c>origin-to-insertion</c> or <c>insertion-to-origin</c>.</param>
/// <param name="Pressure"><c>light</c>, <c>moderate</c>, <c>firm</c> or <c>deep</c>.</param>
/// <param name="Discomfort">The client's discomfort during the technique (0-10).</param>
/// <param name="SafetyFlag">The discomfort was above the clinic's threshold.</param>
/// <param name="ContraindicationOverride">Why the therapist treated a region screening said to avoid, if so.</param>
public sealed record Technique(
    string Kind,
    string Region,
    string? Muscle,
    int? Cycles,
    int? HoldSeconds,
    int? Releases,
    int? SecondsEach,
    int? Strokes,
    string? Direction,
    string Pressure,
    int Discomfort,
    bool SafetyFlag,
    string? ContraindicationOverride);

/// <summary>A parameter of a technique kind, with its unit and bounds.</summary>
public sealed record TechniqueParameter(string Name, string Description, int? Min, int? Max, IReadOnlyList<string>? Values);

/// <summary>A kind of NMT technique and the parameters recorded with it.</summary>
public sealed record TechniqueKind(string Code, string Name, bool NeedsMuscle, IReadOnlyList<TechniqueParameter> Parameters);

/// <summary>The techniques a session note records, and what each needs.</summary>
public static class TechniqueKinds
{
    // The vocabularies below are static data, set once per process: Stryker's test runner keeps its test
    // process between mutants (stryker-net#3742), so a mutant in them cannot take effect and would only
    // survive. TechniqueCatalogueTests pin every value instead, and NoteRefusalsTests what each means
    // to a note.
    public const string AlternatingIschemicCompression = "alternating-ischemic-compression";
    public const string ProlongedIschemicCompression = "prolonged-ischemic-compression";
    public const string SkinRolling = "skin-rolling";
    public const string MuscleStripping = "muscle-stripping";

    // Stryker disable once all : static data, pinned by TechniqueCatalogueTests (see above)
    public static readonly IReadOnlyList<string> Pressures = ["light", "moderate", "firm", "deep"];

    // Stryker disable once all : static data, pinned by TechniqueCatalogueTests (see above)
    public static readonly IReadOnlyList<string> Directions = ["origin-to-insertion", "insertion-to-origin"];

    // Stryker disable once all : static data, pinned by TechniqueCatalogueTests (see above)
    public static IReadOnlyList<TechniqueKind> All { get; } =
    [
        new(AlternatingIschemicCompression, "Alternating ischemic compression", NeedsMuscle: true,
        [
            new("cycles", "Compress-release cycles", 1, 20, null),
            new("holdSeconds", "Seconds each compression is held", 1, 120, null),
        ]),
        new(ProlongedIschemicCompression, "Prolonged ischemic compression", NeedsMuscle: true,
        [
            new("releases", "Releases", 1, 20, null),
            new("secondsEach", "Seconds each is held", 1, 180, null),
        ]),
        new(SkinRolling, "Skin rolling", NeedsMuscle: false, []),
        new(MuscleStripping, "Muscle stripping", NeedsMuscle: true,
        [
            new("strokes", "Strokes", 1, 50, null),
            new("direction", "Direction of the strokes", null, null, Directions),
        ]),
    ];

    public static TechniqueKind? Find(string? code) => All.FirstOrDefault(kind => kind.Code == code);
}

/// <summary>The treatment section as sent.</summary>
public sealed record TreatmentRequest(IReadOnlyList<TechniqueRequest>? Techniques)
{
    internal const int MaxTechniques = 50;

    /// <summary>The techniques as sent, validated; safety flags are the decider's.</summary>
    internal IReadOnlyList<Technique> Parse(InputErrors errors, string path)
    {
        if (Techniques is null || Techniques.Count == 0)
        {
            errors.Add($"{path}techniques", "Record at least one technique.");
            return [];
        }

        if (Techniques.Count > MaxTechniques)
        {
            errors.Add($"{path}techniques", $"At most {MaxTechniques} techniques.");
        }

        var techniques = new List<Technique>();
        for (var i = 0; i < Techniques.Count; i++)
        {
            if (Techniques[i] is { } technique)
            {
                techniques.Add(technique.Parse(errors, $"{path}techniques[{i}]."));
            }
            else
            {
                errors.Add($"{path}techniques[{i}]", "Required.");
            }
        }

        return techniques;
    }
}

/// <summary>A technique as sent: the parameters of its kind, and no others.</summary>
public sealed record TechniqueRequest(
    string? Kind,
    string? Region,
    string? Muscle,
    int? Cycles,
    int? HoldSeconds,
    int? Releases,
    int? SecondsEach,
    int? Strokes,
    string? Direction,
    string? Pressure,
    int? Discomfort,
    string? OverrideReason)
{
    internal Technique Parse(InputErrors errors, string path)
    {
        var kind = TechniqueKinds.Find(Kind);
        if (kind is null)
        {
            errors.Add($"{path}kind", $"Required: {string.Join(", ", TechniqueKinds.All.Select(k => k.Code))}.");
        }

        var region = Regions.Require(errors, $"{path}region", Region);
        string? muscle = null;
        if (kind is { NeedsMuscle: true })
        {
            muscle = MuscleCode.Require(errors, $"{path}muscle", Muscle);
        }
        else if (kind is not null && Muscle is not null)
        {
            errors.Add($"{path}muscle", $"Not recorded for {kind.Code}: it is applied to a region.");
        }

        var given = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["cycles"] = Cycles, ["holdSeconds"] = HoldSeconds, ["releases"] = Releases,
            ["secondsEach"] = SecondsEach, ["strokes"] = Strokes, ["direction"] = Direction,
        };
        if (kind is not null)
        {
            foreach (var parameter in kind.Parameters)
            {
                CheckParameter(errors, $"{path}{parameter.Name}", parameter, given[parameter.Name]);
            }

            foreach (var (name, value) in given)
            {
                if (value is not null && kind.Parameters.All(parameter => parameter.Name != name))
                {
                    errors.Add($"{path}{name}", $"Not a parameter of {kind.Code}.");
                }
            }
        }

        if (Pressure is null || !TechniqueKinds.Pressures.Contains(Pressure, StringComparer.Ordinal))
        {
            errors.Add($"{path}pressure", $"Required: {string.Join(", ", TechniqueKinds.Pressures)}.");
        }

        var discomfort = errors.Rating($"{path}discomfort", Discomfort);
        var overrideReason = errors.OptionalText($"{path}overrideReason", OverrideReason, 1000);
        return new Technique(
            kind?.Code ?? string.Empty, region, muscle, Cycles, HoldSeconds, Releases, SecondsEach, Strokes, Direction,
            Pressure ?? string.Empty, discomfort, SafetyFlag: false, overrideReason);
    }

    private static void CheckParameter(InputErrors errors, string path, TechniqueParameter parameter, object? value)
    {
        switch (value)
        {
            case null:
                errors.Add(path, parameter.Values is { } values ? $"Required: {string.Join(" or ", values)}." : $"Required: {parameter.Description.ToLowerInvariant()}.");
                break;
            case int number when number < parameter.Min || number > parameter.Max:
                errors.Add(path, $"Must be between {parameter.Min} and {parameter.Max}.");
                break;
            case string text when parameter.Values is { } allowed && !allowed.Contains(text, StringComparer.Ordinal):
                errors.Add(path, $"{string.Join(" or ", allowed)}.");
                break;
        }
    }
}
