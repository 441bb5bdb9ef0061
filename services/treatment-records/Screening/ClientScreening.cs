namespace NmtPractice.TreatmentRecords.Screening;

/// <summary>A check-in that came before the client's screening reached this service; decided when it arrives.</summary>
public sealed record PendingCheckIn(Guid AppointmentId, Guid LocationId, Guid TherapistId, DateOnly SessionDate, DateTimeOffset CheckedInAt);

/// <summary>
/// What treatment records knows of a client's screening, from intake's integration events. It gates
/// the opening of session notes; no diagnosis or free text is held.
/// </summary>
public sealed record ClientScreening(
    Guid Id,
    Guid LocationId,
    string? Status,
    IReadOnlyList<string> RegionsToAvoid,
    IReadOnlyList<string> Precautions,
    DateOnly? ClearanceValidUntil,
    DateOnly? IntakeValidUntil,
    string? RuleSetVersion,
    DateTimeOffset? ScreenedAt,
    DateTimeOffset? IntakeExpiredAt,
    IReadOnlyList<PendingCheckIn> PendingCheckIns)
{
    public static ClientScreening Unknown(Guid clientId, Guid locationId) =>
        new(clientId, locationId, null, [], [], null, null, null, null, null, []);

    /// <summary>The intake lapsed, and no newer screening has come since.</summary>
    public bool IntakeExpired => IntakeExpiredAt is { } expired && (ScreenedAt is null || ScreenedAt <= expired);
}
