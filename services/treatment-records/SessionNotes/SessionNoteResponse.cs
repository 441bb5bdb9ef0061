namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>
/// A session note as the API returns it, with the screening it was opened under. <c>Status</c> is
/// <c>open</c> or <c>signed</c>; <c>SafetyFlags</c> counts techniques whose discomfort went above the
/// threshold; <c>AsOf</c> is the moment asked for when the note is read as it stood in the past.
/// </summary>
public sealed record SessionNoteResponse(
    Guid Id,
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid? TherapistId,
    DateOnly SessionDate,
    string Status,
    string Source,
    string OpenedBy,
    DateTimeOffset OpenedAt,
    ScreeningShown Screening,
    Subjective? Subjective,
    Objective? Objective,
    Treatment? Treatment,
    AssessmentAndPlan? Assessment,
    int SafetyFlags,
    Signature? Signature,
    IReadOnlyList<Amendment> Amendments,
    DateTimeOffset LastChangedAt,
    long Version,
    DateTimeOffset? AsOf,
    IReadOnlyList<Addendum> Addenda)
{
    public static SessionNoteResponse From(SessionNote note, DateTimeOffset? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(note);
        return new SessionNoteResponse(
            note.Id, note.AppointmentId, note.ClientId, note.LocationId, note.TherapistId, note.SessionDate,
            note.IsSigned ? "signed" : "open", note.Source, note.OpenedBy, note.OpenedAt, note.Screening,
            note.Subjective, note.Objective, note.Treatment, note.AssessmentAndPlan, note.Treatment?.SafetyFlags ?? 0,
            note.Signature, note.Amendments, note.LastChangedAt, note.Version, asOf, note.Addenda);
    }
}

/// <summary>One change in a note's history: what, who, when and, for amendments, why. No clinical content.</summary>
public sealed record SessionNoteChange(long Version, string Change, string? Section, string By, DateTimeOffset At, string? Reason);
