using NmtPractice.Contracts.Anatomy;

namespace NmtPractice.TreatmentRecords.SessionNotes.Sections;

/// <summary>What the therapist observed and palpated.</summary>
/// <param name="Posture">Posture findings.</param>
/// <param name="Biomechanics">Biomechanical findings (range of motion, gait, movement patterns).</param>
/// <param name="TriggerPoints">Trigger points found.</param>
public sealed record Objective(string? Posture, string? Biomechanics, IReadOnlyList<TriggerPoint> TriggerPoints);

/// <summary>A myofascial trigger point.</summary>
/// <param name="Muscle">Muscle code (GET /api/treatments/muscles).</param>
/// <param name="Side"><c>left</c>, <c>right</c> or <c>midline</c>.</param>
/// <param name="Region">Body-region code where it lies.</param>
/// <param name="Kind"><c>active</c> (reproduces the client's pain) or <c>latent</c>.</param>
/// <param name="ReferralRegions">Where it refers pain: body-region codes.</param>
/// <param name="Ischemia">Signs of ischemia (pallor, coolness, taut band tenderness).</param>
/// <param name="NerveEntrapment">Signs of nerve entrapment or compression (numbness, tingling, radiating symptoms).</param>
public sealed record TriggerPoint(
    string Muscle,
    string Side,
    string Region,
    string Kind,
    IReadOnlyList<string> ReferralRegions,
    bool Ischemia,
    bool NerveEntrapment);

/// <summary>The objective section as sent.</summary>
public sealed record ObjectiveRequest(string? Posture, string? Biomechanics, IReadOnlyList<TriggerPointRequest>? TriggerPoints)
{
    internal const int MaxTriggerPoints = 100;

    internal Objective Parse(InputErrors errors, string path)
    {
        var points = new List<TriggerPoint>();
        if (TriggerPoints is { Count: > MaxTriggerPoints })
        {
            errors.Add($"{path}triggerPoints", $"At most {MaxTriggerPoints} trigger points.");
        }

        for (var i = 0; i < (TriggerPoints?.Count ?? 0); i++)
        {
            if (TriggerPoints![i] is { } point)
            {
                points.Add(point.Parse(errors, $"{path}triggerPoints[{i}]."));
            }
            else
            {
                errors.Add($"{path}triggerPoints[{i}]", "Required.");
            }
        }

        return new Objective(
            errors.OptionalText($"{path}posture", Posture, 4000),
            errors.OptionalText($"{path}biomechanics", Biomechanics, 4000),
            points);
    }
}

/// <summary>A trigger point as sent; the side may be left out when the region implies it.</summary>
public sealed record TriggerPointRequest(
    string? Muscle,
    string? Side,
    string? Region,
    string? Kind,
    IReadOnlyList<string>? ReferralRegions,
    bool? Ischemia,
    bool? NerveEntrapment)
{
    internal TriggerPoint Parse(InputErrors errors, string path)
    {
        var muscle = MuscleCode.Require(errors, $"{path}muscle", Muscle);
        var region = Regions.Require(errors, $"{path}region", Region);
        var implied = BodyRegions.Find(region)?.Side switch
        {
            BodySide.Left => "left",
            BodySide.Right => "right",
            _ => null,
        };

        var side = Side ?? implied ?? "midline";
        if (side is not ("left" or "right" or "midline"))
        {
            errors.Add($"{path}side", "left, right or midline.");
        }
        else if (implied is not null && side != implied)
        {
            errors.Add($"{path}side", $"The region is on the {implied} side.");
        }

        if (Kind is not ("active" or "latent"))
        {
            errors.Add($"{path}kind", "Required: active or latent.");
        }

        return new TriggerPoint(
            muscle, side, region, Kind ?? string.Empty,
            Regions.Parse(errors, $"{path}referralRegions", ReferralRegions),
            Ischemia ?? false,
            NerveEntrapment ?? false);
    }
}

/// <summary>Validation of muscle codes against the muscle list.</summary>
internal static class MuscleCode
{
    public static string Require(InputErrors errors, string path, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(path, "Required: a muscle code (GET /api/treatments/muscles).");
            return string.Empty;
        }

        if (!Muscles.IsKnown(code))
        {
            errors.Add(path, $"'{Regions.Shorten(code)}' is not a muscle code (GET /api/treatments/muscles).");
        }

        return code;
    }
}
