namespace NmtPractice.Contracts.Anatomy;

/// <summary>A muscle (or muscle group) trigger points and techniques are recorded against.</summary>
/// <param name="Code">Stable code, for example <c>upper-trapezius</c>.</param>
/// <param name="Name">What people read.</param>
/// <param name="Regions">The body regions (without side) where it lies, for the body chart.</param>
public sealed record Muscle(string Code, string Name, IReadOnlyList<string> Regions);

/// <summary>The muscle list of NMT session notes. Codes never change meaning; new muscles are added.</summary>
public static class Muscles
{
    public static IReadOnlyList<Muscle> All { get; } =
    [
        new("temporalis", "Temporalis", ["head"]),
        new("masseter", "Masseter", ["jaw"]),
        new("suboccipitals", "Suboccipitals", ["neck-posterior"]),
        new("splenius-capitis", "Splenius capitis", ["neck-posterior"]),
        new("sternocleidomastoid", "Sternocleidomastoid", ["neck-anterior"]),
        new("scalenes", "Scalenes", ["neck-anterior"]),
        new("upper-trapezius", "Upper trapezius", ["upper-trapezius", "neck-posterior"]),
        new("middle-trapezius", "Middle trapezius", ["upper-back"]),
        new("levator-scapulae", "Levator scapulae", ["neck-posterior", "scapula"]),
        new("rhomboids", "Rhomboids", ["upper-back", "scapula"]),
        new("supraspinatus", "Supraspinatus", ["scapula", "shoulder"]),
        new("infraspinatus", "Infraspinatus", ["scapula"]),
        new("teres-minor", "Teres minor", ["scapula"]),
        new("teres-major", "Teres major", ["scapula"]),
        new("subscapularis", "Subscapularis", ["scapula"]),
        new("latissimus-dorsi", "Latissimus dorsi", ["mid-back", "ribs"]),
        new("serratus-anterior", "Serratus anterior", ["ribs"]),
        new("pectoralis-major", "Pectoralis major", ["chest"]),
        new("pectoralis-minor", "Pectoralis minor", ["chest"]),
        new("deltoid", "Deltoid", ["shoulder"]),
        new("biceps-brachii", "Biceps brachii", ["upper-arm"]),
        new("triceps-brachii", "Triceps brachii", ["upper-arm"]),
        new("forearm-extensors", "Forearm extensors", ["forearm"]),
        new("forearm-flexors", "Forearm flexors", ["forearm"]),
        new("erector-spinae", "Erector spinae", ["upper-back", "mid-back", "low-back"]),
        new("multifidus", "Multifidus", ["low-back"]),
        new("quadratus-lumborum", "Quadratus lumborum", ["low-back"]),
        new("iliopsoas", "Iliopsoas", ["abdomen", "hip"]),
        new("rectus-abdominis", "Rectus abdominis", ["abdomen"]),
        new("gluteus-maximus", "Gluteus maximus", ["gluteal"]),
        new("gluteus-medius", "Gluteus medius", ["gluteal"]),
        new("gluteus-minimus", "Gluteus minimus", ["gluteal"]),
        new("piriformis", "Piriformis", ["gluteal"]),
        new("tensor-fasciae-latae", "Tensor fasciae latae", ["hip"]),
        new("quadriceps", "Quadriceps", ["thigh-anterior"]),
        new("adductors", "Adductors", ["thigh-anterior"]),
        new("hamstrings", "Hamstrings", ["thigh-posterior"]),
        new("gastrocnemius", "Gastrocnemius", ["calf"]),
        new("soleus", "Soleus", ["calf"]),
        new("tibialis-anterior", "Tibialis anterior", ["shin"]),
        new("peroneals", "Peroneals", ["shin"]),
    ];

    private static readonly Dictionary<string, Muscle> ByCode = All.ToDictionary(m => m.Code, StringComparer.Ordinal);

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    public static Muscle? Find(string code) => ByCode.GetValueOrDefault(code);
}
