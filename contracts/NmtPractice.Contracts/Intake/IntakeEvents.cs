namespace NmtPractice.Contracts.Intake;

/// <summary>A client was registered. Carries only what other services must display.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location the client is registered at.</param>
/// <param name="DisplayName">A short name for calendars, e.g. "Dana R." (no other personal data).</param>
/// <param name="OccurredAt">When.</param>
public sealed record ClientRegistered(Guid ClientId, Guid LocationId, string DisplayName, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A complete screening (intake answered, treatment consent given) was decided, or decided again
/// because the intake, consent or a physician clearance changed. No diagnosis or free text.
/// </summary>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The client's location.</param>
/// <param name="Status"><c>Cleared</c>, <c>ClearedWithPrecautions</c>, <c>PhysicianClearanceRequired</c> or <c>Contraindicated</c>.</param>
/// <param name="RegionsToAvoid">Body-region codes (see <c>BodyRegions</c>) not to treat.</param>
/// <param name="Precautions">Adaptation codes, e.g. <c>lighter-pressure</c>, <c>side-lying</c>.</param>
/// <param name="ClearanceValidUntil">When a physician clearance this status depends on expires, if any.</param>
/// <param name="IntakeValidUntil">When the intake the screening rests on must be renewed.</param>
/// <param name="RuleSetVersion">The screening rule set that decided.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ScreeningCompleted(
    Guid ClientId,
    Guid LocationId,
    string Status,
    IReadOnlyList<string> RegionsToAvoid,
    IReadOnlyList<string> Precautions,
    DateOnly? ClearanceValidUntil,
    DateOnly IntakeValidUntil,
    string RuleSetVersion,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A physician's clearance was recorded for a client.</summary>
public sealed record PhysicianClearanceRecorded(Guid ClientId, Guid LocationId, Guid ClearanceId, DateOnly ExpiresOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A client's intake is out of date and must be renewed before the next visit.</summary>
public sealed record IntakeExpired(Guid ClientId, Guid LocationId, int IntakeVersion, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// An operations admin merged a duplicate registration of a client into the record that stays: the
/// duplicate is closed (read-only, not bookable), and whatever was recorded under its id (appointments,
/// notes) belongs to the same person as the record that stays.
/// </summary>
/// <param name="SurvivorId">The client record that stays.</param>
/// <param name="DuplicateId">The duplicate registration, closed by the merge.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ClientsMerged(Guid SurvivorId, Guid DuplicateId, DateTimeOffset OccurredAt) : IIntegrationEvent;
