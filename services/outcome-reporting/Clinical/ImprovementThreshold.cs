using System.ComponentModel.DataAnnotations;

namespace NmtPractice.OutcomeReporting.Clinical;

/// <summary>
/// Clinically meaningful improvement: a drop of at least <see cref="MinimumPoints"/> and at least
/// <see cref="MinimumPercent"/> of the baseline (defaults 2 points and 30%, after Farrar 2001).
/// </summary>
public sealed class ImprovementThreshold
{
    [Range(1, 10)]
    public int MinimumPoints { get; set; } = 2;

    [Range(1, 100)]
    public int MinimumPercent { get; set; } = 30;

    /// <summary>Whether a drop from <paramref name="baseline"/> to <paramref name="now"/> is meaningful.</summary>
    public bool IsMet(int baseline, int now)
    {
        var drop = baseline - now;
        return drop >= MinimumPoints && drop * 100 >= MinimumPercent * baseline;
    }
}
