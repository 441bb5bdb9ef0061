using System.ComponentModel.DataAnnotations;
using NmtPractice.OutcomeReporting.Clinical;

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
