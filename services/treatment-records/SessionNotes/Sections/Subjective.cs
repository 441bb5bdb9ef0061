using NmtPractice.Contracts.Anatomy;

namespace NmtPractice.TreatmentRecords.SessionNotes.Sections;

/// <summary>The client's own report at the start of the session.</summary>
/// <param name="ChiefComplaint">The main complaint, in the client's words.</param>
/// <param name="PainBefore">Pain before the session (NPRS 0-10).</param>
/// <param name="PainRegions">Where it hurts: body-region codes.</param>
/// <param name="Goals">What the client wants from treatment.</param>
public sealed record Subjective(string ChiefComplaint, int PainBefore, IReadOnlyList<string> PainRegions, IReadOnlyList<string> Goals);

/// <summary>The subjective section as sent.</summary>
public sealed record SubjectiveRequest(string? ChiefComplaint, int? PainBefore, IReadOnlyList<string>? PainRegions, IReadOnlyList<string>? Goals)
{
    internal const int MaxGoals = 10;

    internal Subjective Parse(InputErrors errors, string path)
    {
        var complaint = errors.RequiredText($"{path}chiefComplaint", ChiefComplaint, 2000);
        var pain = errors.Rating($"{path}painBefore", PainBefore);
        var regions = Regions.Parse(errors, $"{path}painRegions", PainRegions);
        var goals = new List<string>();
        if (Goals is { Count: > MaxGoals })
        {
            errors.Add($"{path}goals", $"At most {MaxGoals} goals.");
        }

        for (var i = 0; i < (Goals?.Count ?? 0); i++)
        {
            if (errors.OptionalText($"{path}goals[{i}]", Goals![i], 500) is { } goal)
            {
                goals.Add(goal);
            }
            else
            {
                errors.Add($"{path}goals[{i}]", "A goal cannot be blank.");
            }
        }

        return new Subjective(complaint, pain, regions, goals);
    }
}

/// <summary>Validation of body-region codes against the shared vocabulary.</summary>
internal static class Regions
{
    internal const int MaxPerList = 40;

    /// <summary>Known, distinct region codes; unknown ones are errors naming their index.</summary>
    public static IReadOnlyList<string> Parse(InputErrors errors, string path, IReadOnlyList<string>? codes)
    {
        if (codes is null)
        {
            return [];
        }

        if (codes.Count > MaxPerList)
        {
            errors.Add(path, $"At most {MaxPerList} regions.");
        }

        for (var i = 0; i < codes.Count; i++)
        {
            Require(errors, $"{path}[{i}]", codes[i]);
        }

        return [.. codes.Where(code => code is not null).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A required, known region code.</summary>
    public static string Require(InputErrors errors, string path, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(path, "Required: a body-region code (GET /api/intake/body-regions).");
            return string.Empty;
        }

        if (!BodyRegions.IsKnown(code))
        {
            errors.Add(path, $"'{Shorten(code)}' is not a body-region code (GET /api/intake/body-regions).");
        }

        return code;
    }

    /// <summary>Echoes at most 40 characters of a bad code back.</summary>
    internal static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
