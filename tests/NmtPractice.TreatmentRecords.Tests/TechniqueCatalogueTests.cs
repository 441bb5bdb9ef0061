using NmtPractice.TreatmentRecords.SessionNotes.Sections;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>
/// The technique catalogue the note form is built from (GET /api/treatments/techniques): each NMT
/// technique, whether it is applied to a muscle, and its parameters with their units and bounds.
/// </summary>
public sealed class TechniqueCatalogueTests
{
    [Fact]
    public void The_catalogue_names_each_technique_its_parameters_and_their_bounds()
    {
        var catalogue = TechniqueKinds.All.Select(kind => (
            kind.Code, kind.Name, kind.NeedsMuscle,
            Parameters: string.Join("; ", kind.Parameters.Select(p => $"{p.Name} '{p.Description}' {p.Min}-{p.Max} {string.Join("|", p.Values ?? [])}".TrimEnd()))));

        Assert.Equal(
            [
                ("alternating-ischemic-compression", "Alternating ischemic compression", true, "cycles 'Compress-release cycles' 1-20; holdSeconds 'Seconds each compression is held' 1-120"),
                ("prolonged-ischemic-compression", "Prolonged ischemic compression", true, "releases 'Releases' 1-20; secondsEach 'Seconds each is held' 1-180"),
                ("skin-rolling", "Skin rolling", false, ""),
                ("muscle-stripping", "Muscle stripping", true, "strokes 'Strokes' 1-50; direction 'Direction of the strokes' - origin-to-insertion|insertion-to-origin"),
            ],
            catalogue);
        Assert.Equal(["light", "moderate", "firm", "deep"], TechniqueKinds.Pressures);
        Assert.Equal(["origin-to-insertion", "insertion-to-origin"], TechniqueKinds.Directions);
    }

    [Fact]
    public void A_kind_is_found_by_its_exact_code_only()
    {
        Assert.Equal("Skin rolling", TechniqueKinds.Find("skin-rolling")?.Name);
        Assert.Null(TechniqueKinds.Find("Skin-Rolling"));
        Assert.Null(TechniqueKinds.Find(null));
    }
}
