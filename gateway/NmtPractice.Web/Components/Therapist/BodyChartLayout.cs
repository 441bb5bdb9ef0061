namespace NmtPractice.Web.Components.Therapist;

/// <summary>A region's shape on the chart (SVG units), and which figure it is drawn on.</summary>
public sealed record ChartBox(string Code, bool Back, double X, double Y, double Width, double Height)
{
    public double CentreX => X + (Width / 2);

    public double CentreY => Y + (Height / 2);
}

/// <summary>
/// Where each body region sits on the front and the back figure, one figure drawn at a time. Shapes are
/// given for the client's right side as seen from the front (left of the figure's centre); the left
/// side mirrors them, and on the back figure the sides swap, as when looking at the client's back.
/// Every shape is at least <see cref="Smallest"/> units on each side, so that at the chart's width on a
/// tablet (22rem for 220 units) each region is a target of at least 24 by 24 CSS pixels.
/// </summary>
public static class BodyChartLayout
{
    public const double Width = 220;
    public const double Height = 404;
    public const double Smallest = 16;
    private const double Centre = 110;

    // Code, drawn on front, drawn on back, x offset of the right side (or of the midline shape), y, width, height.
    private static readonly (string Code, bool Front, bool Back, double X, double Y, double W, double H)[] Midline =
    [
        ("face", true, false, -20, 4, 40, 44),
        ("head", false, true, -22, 4, 44, 44),
        ("neck-anterior", true, false, -14, 50, 28, 18),
        ("neck-posterior", false, true, -14, 50, 28, 18),
        ("chest", true, false, -44, 70, 88, 40),
        ("abdomen", true, false, -24, 112, 48, 46),
        ("upper-back", false, true, -14, 70, 28, 44),
        ("mid-back", false, true, -26, 116, 52, 24),
        ("low-back", false, true, -26, 142, 52, 22),
        ("sacrum", false, true, -16, 166, 32, 18),
    ];

    private static readonly (string Code, bool Front, bool Back, double X, double Y, double W, double H)[] Paired =
    [
        ("jaw", true, false, -38, 30, 16, 16),
        ("upper-trapezius", false, true, -48, 58, 32, 20),
        ("shoulder", true, true, -76, 70, 26, 26),
        ("scapula", false, true, -46, 80, 30, 34),
        ("upper-arm", true, true, -78, 98, 24, 46),
        ("ribs", true, true, -46, 116, 18, 34),
        ("elbow", true, true, -80, 146, 24, 16),
        ("forearm", true, true, -84, 164, 24, 40),
        ("wrist-hand", true, true, -88, 206, 26, 28),
        ("hip", true, false, -44, 160, 30, 24),
        ("gluteal", false, true, -44, 186, 40, 30),
        ("thigh-anterior", true, false, -42, 188, 36, 74),
        ("thigh-posterior", false, true, -42, 218, 36, 46),
        ("knee", true, true, -40, 266, 32, 20),
        ("shin", true, false, -38, 290, 28, 76),
        ("calf", false, true, -38, 290, 28, 76),
        ("ankle-foot", true, true, -40, 370, 32, 28),
    ];

    public static IReadOnlyList<ChartBox> Boxes { get; } = Build();

    public static IEnumerable<ChartBox> Of(bool back) => Boxes.Where(box => box.Back == back);

    private static List<ChartBox> Build()
    {
        var boxes = new List<ChartBox>();
        foreach (var (code, front, back, x, y, w, h) in Midline)
        {
            if (front)
            {
                boxes.Add(new ChartBox(code, false, Centre + x, y, w, h));
            }

            if (back)
            {
                boxes.Add(new ChartBox(code, true, Centre + x, y, w, h));
            }
        }

        foreach (var (code, front, back, x, y, w, h) in Paired)
        {
            if (front)
            {
                boxes.Add(new ChartBox($"{code}-right", false, Centre + x, y, w, h));
                boxes.Add(new ChartBox($"{code}-left", false, Centre - x - w, y, w, h));
            }

            if (back)
            {
                boxes.Add(new ChartBox($"{code}-right", true, Centre - x - w, y, w, h));
                boxes.Add(new ChartBox($"{code}-left", true, Centre + x, y, w, h));
            }
        }

        return boxes;
    }
}
