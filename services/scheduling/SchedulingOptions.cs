namespace NmtPractice.Scheduling;

/// <summary>Configuration section <c>Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>A cancellation with less notice than this before the start is late.</summary>
    public TimeSpan LateCancellationNotice { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The step between candidate start times in availability search.</summary>
    public TimeSpan SlotGranularity { get; set; } = TimeSpan.FromMinutes(15);
}
