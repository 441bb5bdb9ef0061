namespace NmtPractice.Contracts;

/// <summary>
/// Marker for every integration event: the published, versioned contract between services.
/// </summary>
/// <remarks>
/// Integration events are immutable records named in the past tense. A change that would break a
/// consumer is published as a new type with a version suffix (for example <c>AppointmentBookedV2</c>),
/// never as an edit of an existing one. They carry identifiers and what consumers must show, never
/// health details or other personal data beyond that.
/// </remarks>
public interface IIntegrationEvent
{
    /// <summary>When the fact happened in the publishing service (UTC).</summary>
    DateTimeOffset OccurredAt { get; }
}
