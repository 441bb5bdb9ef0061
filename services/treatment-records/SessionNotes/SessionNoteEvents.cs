namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>The screening the session was opened under, shown with the note: what to avoid and adapt.</summary>
/// <param name="Status">Cleared or ClearedWithPrecautions (others cannot open a session).</param>
/// <param name="RegionsToAvoid">Local contraindications: body-region codes not to treat.</param>
/// <param name="Precautions">Adaptation codes, for example <c>lighter-pressure</c>.</param>
/// <param name="ClearanceValidUntil">When the physician clearance it rests on expires, if any.</param>
/// <param name="RuleSetVersion">The screening rule set that decided.</param>
/// <param name="ScreenedAt">When intake decided it.</param>
public sealed record ScreeningShown(
    string Status,
    IReadOnlyList<string> RegionsToAvoid,
    IReadOnlyList<string> Precautions,
    DateOnly? ClearanceValidUntil,
    string RuleSetVersion,
    DateTimeOffset ScreenedAt);

/// <summary>The note of a treatment session was opened: at check-in, or by a therapist.</summary>
/// <param name="SessionId">The note (the appointment id when opened for an appointment).</param>
/// <param name="AppointmentId">The appointment, if any.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">Scheduling's therapist id, when opened from an appointment.</param>
/// <param name="SessionDate">The local day of the session at the location.</param>
/// <param name="Source"><c>check-in</c> or <c>therapist</c>.</param>
/// <param name="OpenedBy">The user who opened it, or <c>check-in</c>.</param>
/// <param name="Screening">The screening it was opened under.</param>
/// <param name="OpenedAt">When.</param>
public sealed record SessionNoteOpened(
    Guid SessionId,
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid? TherapistId,
    DateOnly SessionDate,
    string Source,
    string OpenedBy,
    ScreeningShown Screening,
    DateTimeOffset OpenedAt);

/// <summary>The subjective section was written (replacing what it held) before signing.</summary>
public sealed record SubjectiveRecorded(Guid SessionId, Subjective Subjective, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The objective section was written before signing.</summary>
public sealed record ObjectiveRecorded(Guid SessionId, Objective Objective, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The treatment section was written before signing.</summary>
public sealed record TreatmentRecorded(Guid SessionId, Treatment Treatment, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The assessment and plan section was written before signing.</summary>
public sealed record AssessmentAndPlanRecorded(Guid SessionId, AssessmentAndPlan AssessmentAndPlan, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// The structured facts of a signed note, as they stand after signing or an amendment: what other
/// services are told, without free text.
/// </summary>
public sealed record NoteFacts(
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid? TherapistId,
    DateOnly SessionDate,
    int PainBefore,
    int PainAfter,
    IReadOnlyList<Technique> Techniques,
    IReadOnlyDictionary<string, int> TriggerPointsByRegion,
    int SafetyFlags);

/// <summary>The therapist signed the note: from now on it changes only by amendment.</summary>
public sealed record SessionNoteSigned(Guid SessionId, string SignedBy, DateTimeOffset SignedAt, NoteFacts Facts);

/// <summary>
/// Someone other than the note's author added an attributed addendum to a signed note: the signed
/// content stays as its author signed it, and the addendum stands beside it.
/// </summary>
public sealed record SessionNoteAddendumAdded(Guid SessionId, Guid AddendumId, string Text, string AddedBy, DateTimeOffset AddedAt);

/// <summary>
/// A signed note was amended: one section replaced, with who, when and why. The signed original and
/// every earlier amendment stay in the stream.
/// </summary>
/// <param name="SessionId">The note.</param>
/// <param name="Section"><c>subjective</c>, <c>objective</c>, <c>treatment</c> or <c>assessment</c>.</param>
/// <param name="Reason">Why it was amended.</param>
/// <param name="Subjective">The new subjective section, when that was amended.</param>
/// <param name="Objective">The new objective section, when that was amended.</param>
/// <param name="Treatment">The new treatment section, when that was amended.</param>
/// <param name="AssessmentAndPlan">The new assessment and plan, when that was amended.</param>
/// <param name="AmendedBy">Who.</param>
/// <param name="AmendedAt">When.</param>
/// <param name="Facts">The note's facts after the amendment.</param>
public sealed record SessionNoteAmended(
    Guid SessionId,
    string Section,
    string Reason,
    Subjective? Subjective,
    Objective? Objective,
    Treatment? Treatment,
    AssessmentAndPlan? AssessmentAndPlan,
    string AmendedBy,
    DateTimeOffset AmendedAt,
    NoteFacts Facts);
