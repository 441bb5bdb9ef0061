using System.ComponentModel.DataAnnotations;

namespace NmtPractice.Scheduling;

/// <summary>Configuration section <c>Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>A cancellation with less notice than this before the start is late.</summary>
    public TimeSpan LateCancellationNotice { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The step between candidate start times in availability search.</summary>
    public TimeSpan SlotGranularity { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a slot offered from the waitlist is held for its client, counted in the location's business hours.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan WaitlistOfferHold { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often offers whose hold has run out are looked for (an offer passes on at most this late).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WaitlistExpiryCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
