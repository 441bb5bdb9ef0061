using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>What every browser journey needs: a family name no other test uses, and today at the end-to-end clinics.</summary>
internal static class Journeys
{
    /// <summary>A family name no other test uses (letters only, as names are).</summary>
    public static string UniqueFamilyName() =>
        "Q" + string.Concat(Guid.NewGuid().ToString("N").Take(8).Select(c => (char)('a' + (c % 26))));

    /// <summary>Today in the end-to-end clinics' time zone.</summary>
    public static DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, E2EPractice.Zone).DateTime);
}
