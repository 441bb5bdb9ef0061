using System.ComponentModel.DataAnnotations;

namespace NmtPractice.TreatmentRecords;

/// <summary>Clinical settings of treatment records (configuration section <c>TreatmentRecords</c>).</summary>
public sealed class TreatmentRecordsOptions : IValidatableObject
{
    public const string Section = "TreatmentRecords";

    /// <summary>A discomfort rating above this (0-10) during a technique is a safety flag. Default 7.</summary>
    [Range(0, 10)]
    public int DiscomfortThreshold { get; set; } = 7;

    /// <summary>A clinic's own threshold, by location id, where it differs from the chain's.</summary>
    public Dictionary<Guid, int> DiscomfortThresholdByLocation { get; init; } = [];

    /// <summary>The threshold in force at a location.</summary>
    public int DiscomfortThresholdAt(Guid locationId) =>
        DiscomfortThresholdByLocation.TryGetValue(locationId, out var threshold) ? threshold : DiscomfortThreshold;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        DiscomfortThresholdByLocation
            .Where(pair => pair.Value is < 0 or > 10)
            .Select(pair => new ValidationResult(
                $"The discomfort threshold of location {pair.Key} must be between 0 and 10.",
                [nameof(DiscomfortThresholdByLocation)]));
}
