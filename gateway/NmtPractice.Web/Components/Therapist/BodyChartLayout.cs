namespace NmtPractice.Web.Components.Therapist;

/// <summary>A region's box on the chart (SVG units), and which figure it is drawn on.</summary>
public sealed record ChartBox(string Code, bool Back, double X, double Y, double Width, double Height);

/// <summary>
/// Where each body region sits on the front and back figures. Boxes are given for the client's
/// right side as seen from the front (left of the figure's centre); the left side mirrors them,
/// and on the back figure the sides swap, as when looking at the client's back.
/// </summary>
public static class BodyChartLayout
{
    public const double Width = 440;
    public const double Height = 390;
    private const double FrontCentre = 110;
    private const double BackCentre = 330;

    // Code, drawn on front, drawn on back, x offset of the right side (or of the midline box), y, width, height.
    private static readonly (string Code, bool Front, bool Back, double X, double Y, double W, double H)[] Midline =
    [
        ("head", false, true, -22, 2, 44, 46),
        ("face", true, false, -20, 2, 40, 46),
        ("neck-anterior", true, false, -10, 50, 20, 14),
        ("neck-posterior", false, true, -10, 50, 20, 14),
        ("chest", true, false, -38, 76, 76, 38),
        ("abdomen", true, false, -26, 116, 52, 42),
        ("upper-back", false, true, -12, 76, 24, 32),
        ("mid-back", false, true, -26, 110, 52, 26),
        ("low-back", false, true, -26, 138, 52, 22),
        ("sacrum", false, true, -14, 162, 28, 14),
    ];

    private static readonly (string Code, bool Front, bool Back, double X, double Y, double W, double H)[] Paired =
    [
        ("jaw", true, false, -24, 36, 10, 12),
        ("upper-trapezius", false, true, -40, 62, 28, 12),
        ("shoulder", true, true, -62, 66, 22, 22),
        ("scapula", false, true, -40, 78, 26, 30),
        ("upper-arm", true, true, -66, 90, 18, 44),
        ("elbow", true, true, -68, 136, 18, 12),
        ("forearm", true, true, -72, 150, 18, 38),
        ("wrist-hand", true, true, -76, 190, 20, 26),
        ("ribs", true, true, -40, 116, 12, 30),
        ("hip", true, false, -40, 160, 28, 22),
        ("gluteal", false, true, -40, 178, 38, 28),
        ("thigh-anterior", true, false, -38, 184, 30, 70),
        ("thigh-posterior", false, true, -38, 208, 30, 46),
        ("knee", true, true, -36, 256, 26, 20),
        ("shin", true, false, -34, 278, 22, 70),
        ("calf", false, true, -34, 278, 22, 70),
        ("ankle-foot", true, true, -36, 350, 26, 26),
    ];

    public static IReadOnlyList<ChartBox> Boxes { get; } = Build();

    private static List<ChartBox> Build()
    {
        var boxes = new List<ChartBox>();
        foreach (var (code, front, back, x, y, w, h) in Midline)
        {
            if (front)
            {
                boxes.Add(new ChartBox(code, false, FrontCentre + x, y, w, h));
            }

            if (back)
            {
                boxes.Add(new ChartBox(code, true, BackCentre + x, y, w, h));
            }
        }

        foreach (var (code, front, back, x, y, w, h) in Paired)
        {
            if (front)
            {
                boxes.Add(new ChartBox($"{code}-right", false, FrontCentre + x, y, w, h));
                boxes.Add(new ChartBox($"{code}-left", false, FrontCentre - x - w, y, w, h));
            }

            if (back)
            {
                boxes.Add(new ChartBox($"{code}-right", true, BackCentre - x - w, y, w, h));
                boxes.Add(new ChartBox($"{code}-left", true, BackCentre + x, y, w, h));
            }
        }

        return boxes;
    }
}
