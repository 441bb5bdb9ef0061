using System.ComponentModel.DataAnnotations;

namespace NmtPractice.OutcomeReporting;

/// <summary>Settings of the dashboards (configuration section <c>OutcomeReporting</c>).</summary>
public sealed class OutcomeReportingOptions
{
    public const string Section = "OutcomeReporting";

    /// <summary>A group with fewer distinct clients than this shows no figures, so no one can be singled out. Default 5.</summary>
    [Range(1, 1000)]
    public int MinimumGroupClients { get; set; } = 5;

    /// <summary>What counts as clinically meaningful improvement in pain (NPRS) from the course's baseline.</summary>
    [Required]
    public ImprovementThreshold Improvement { get; set; } = new();
}

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
