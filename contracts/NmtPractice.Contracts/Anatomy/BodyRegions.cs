namespace NmtPractice.Contracts.Anatomy;

/// <summary>Which side of the body a region is on.</summary>
public enum BodySide
{
    /// <summary>A midline region (neck, spine, abdomen).</summary>
    None,
    Left,
    Right,
}

/// <summary>A coded body region: the one vocabulary for local contraindications, pain areas, trigger points and the body chart.</summary>
/// <param name="Code">Stable code, for example <c>shoulder-left</c>.</param>
/// <param name="Name">What people read, for example "Left shoulder".</param>
/// <param name="Side">Left, right or midline.</param>
/// <param name="View">Where the body chart shows it: <c>front</c>, <c>back</c> or <c>both</c>.</param>
public sealed record BodyRegion(string Code, string Name, BodySide Side, string View);

/// <summary>
/// The body-region vocabulary. Codes never change meaning; a new region is added, an obsolete one is
/// kept (readers of old records still resolve it).
/// </summary>
public static class BodyRegions
{
    private static readonly (string Code, string Name, string View)[] Midline =
    [
        ("head", "Head", "both"),
        ("face", "Face", "front"),
        ("neck-anterior", "Front of the neck", "front"),
        ("neck-posterior", "Back of the neck", "back"),
        ("chest", "Chest", "front"),
        ("abdomen", "Abdomen", "front"),
        ("upper-back", "Upper back", "back"),
        ("mid-back", "Mid back", "back"),
        ("low-back", "Low back", "back"),
        ("sacrum", "Sacrum", "back"),
    ];

    private static readonly (string Code, string Name, string View)[] Paired =
    [
        ("jaw", "jaw (TMJ)", "front"),
        ("shoulder", "shoulder", "both"),
        ("upper-trapezius", "upper trapezius", "back"),
        ("scapula", "scapula", "back"),
        ("upper-arm", "upper arm", "both"),
        ("elbow", "elbow", "both"),
        ("forearm", "forearm", "both"),
        ("wrist-hand", "wrist and hand", "both"),
        ("ribs", "ribs", "both"),
        ("hip", "hip", "front"),
        ("gluteal", "gluteal region", "back"),
        ("thigh-anterior", "front of the thigh", "front"),
        ("thigh-posterior", "back of the thigh", "back"),
        ("knee", "knee", "both"),
        ("shin", "shin", "front"),
        ("calf", "calf", "back"),
        ("ankle-foot", "ankle and foot", "both"),
    ];

    /// <summary>Every region, midline first, then left and right of each paired one.</summary>
    public static IReadOnlyList<BodyRegion> All { get; } =
    [
        .. Midline.Select(r => new BodyRegion(r.Code, r.Name, BodySide.None, r.View)),
        .. Paired.SelectMany(r => new[]
        {
            new BodyRegion($"{r.Code}-left", $"Left {r.Name}", BodySide.Left, r.View),
            new BodyRegion($"{r.Code}-right", $"Right {r.Name}", BodySide.Right, r.View),
        }),
    ];

    private static readonly Dictionary<string, BodyRegion> ByCode = All.ToDictionary(region => region.Code, StringComparer.Ordinal);

    /// <summary>Whether a code names a region.</summary>
    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    /// <summary>The region with this code, or null.</summary>
    public static BodyRegion? Find(string code) => ByCode.GetValueOrDefault(code);
}
