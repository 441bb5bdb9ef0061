namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>A therapist opened the note of a treatment session with a client.</summary>
public sealed record SessionNoteOpened(
    Guid SessionId,
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    string TherapistId,
    DateTimeOffset OpenedAt);

/// <summary>The subjective part of the note: what the client reports before treatment.</summary>
public sealed record SubjectiveRecorded(
    Guid SessionId,
    string ChiefComplaint,
    int PainBefore,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>The client's own report at the start of a session.</summary>
public sealed record Subjective(string ChiefComplaint, int PainBefore);

/// <summary>
/// The session note aggregate: the clinical record of one treatment session. Rebuilt from its
/// events; decisions live beside each command.
/// </summary>
public sealed record SessionNote(
    Guid Id,
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    string TherapistId,
    DateTimeOffset OpenedAt,
    Subjective? Subjective,
    long Version)
{
    public static SessionNote Create(SessionNoteOpened opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return new SessionNote(opened.SessionId, opened.AppointmentId, opened.ClientId, opened.LocationId, opened.TherapistId, opened.OpenedAt, null, 1);
    }

    public SessionNote Apply(SubjectiveRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return this with { Subjective = new Subjective(recorded.ChiefComplaint, recorded.PainBefore) };
    }
}

/// <summary>A session note as the API returns it.</summary>
public sealed record SessionNoteResponse(
    Guid Id,
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    string TherapistId,
    DateTimeOffset OpenedAt,
    Subjective? Subjective,
    long Version)
{
    public static SessionNoteResponse From(SessionNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return new SessionNoteResponse(note.Id, note.AppointmentId, note.ClientId, note.LocationId, note.TherapistId, note.OpenedAt, note.Subjective, note.Version);
    }
}

/// <summary>How session notes appear in the audit log.</summary>
internal static class SessionNoteAudit
{
    public const string ResourceType = "session-note";
}
