namespace NmtPractice.TreatmentRecords.SessionNotes.Sections;

/// <summary>The numeric pain rating scale (NPRS): 0 no pain, 10 worst imaginable.</summary>
public static class PainScale
{
    public const int Min = 0;
    public const int Max = 10;

    /// <summary>A required rating on the scale.</summary>
    internal static int Rating(this InputErrors errors, string field, int? value) => errors.RequiredNumber(field, value, Min, Max);
}
