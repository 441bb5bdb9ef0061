namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>Who signed the note, and when.</summary>
public sealed record Signature(string SignedBy, DateTimeOffset SignedAt);

/// <summary>An amendment of a signed note: which section, why, who and when, and the version it made.</summary>
public sealed record Amendment(string Section, string Reason, string AmendedBy, DateTimeOffset AmendedAt, long Version);

/// <summary>An addendum to a signed note: what was added, by whom and when, and the version it made.</summary>
public sealed record Addendum(Guid Id, string Text, string AddedBy, DateTimeOffset AddedAt, long Version);

/// <summary>
/// The session note aggregate: the clinical record of one treatment session, in SOAP form. Rebuilt
/// from its events (so it can be read as it stood at any moment); the decisions are in
/// <see cref="SessionNoteDecisions"/>.
/// </summary>
public sealed record SessionNote(
    Guid Id,
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid? TherapistId,
    DateOnly SessionDate,
    string Source,
    string OpenedBy,
    DateTimeOffset OpenedAt,
    ScreeningShown Screening,
    Subjective? Subjective,
    Objective? Objective,
    Treatment? Treatment,
    AssessmentAndPlan? AssessmentAndPlan,
    Signature? Signature,
    IReadOnlyList<Amendment> Amendments,
    DateTimeOffset LastChangedAt,
    long Version) : IEventSourced<SessionNote>
{
    /// <summary>Signed notes change only by amendment (their author or a manager) or gain addenda (anyone treating there).</summary>
    public bool IsSigned => Signature is not null;

    /// <summary>Addenda added after signing, oldest first (none in notes stored before addenda existed).</summary>
    public IReadOnlyList<Addendum> Addenda { get; init; } = [];

    public static SessionNote Create(SessionNoteOpened opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return new SessionNote(
            opened.SessionId, opened.AppointmentId, opened.ClientId, opened.LocationId, opened.TherapistId, opened.SessionDate,
            opened.Source, opened.OpenedBy, opened.OpenedAt, opened.Screening, null, null, null, null, null, [], opened.OpenedAt, 1);
    }

    public SessionNote Apply(SubjectiveRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return Next(recorded.RecordedAt) with { Subjective = recorded.Subjective };
    }

    public SessionNote Apply(ObjectiveRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return Next(recorded.RecordedAt) with { Objective = recorded.Objective };
    }

    public SessionNote Apply(TreatmentRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return Next(recorded.RecordedAt) with { Treatment = recorded.Treatment };
    }

    public SessionNote Apply(AssessmentAndPlanRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return Next(recorded.RecordedAt) with { AssessmentAndPlan = recorded.AssessmentAndPlan };
    }

    public SessionNote Apply(SessionNoteSigned signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Next(signature.SignedAt) with { Signature = new Signature(signature.SignedBy, signature.SignedAt) };
    }

    public SessionNote Apply(SessionNoteAmended amended)
    {
        ArgumentNullException.ThrowIfNull(amended);
        var next = Next(amended.AmendedAt);
        return next with
        {
            Subjective = amended.Subjective ?? Subjective,
            Objective = amended.Objective ?? Objective,
            Treatment = amended.Treatment ?? Treatment,
            AssessmentAndPlan = amended.AssessmentAndPlan ?? AssessmentAndPlan,
            Amendments = [.. Amendments, new Amendment(amended.Section, amended.Reason, amended.AmendedBy, amended.AmendedAt, next.Version)],
        };
    }

    public SessionNote Apply(SessionNoteAddendumAdded added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var next = Next(added.AddedAt);
        return next with { Addenda = [.. Addenda, new Addendum(added.AddendumId, added.Text, added.AddedBy, added.AddedAt, next.Version)] };
    }

    /// <summary>The note after any of its events but the first (not named Evolve: Marten would take it for the aggregation itself).</summary>
    public SessionNote After(object change) => change switch
    {
        SubjectiveRecorded e => Apply(e),
        ObjectiveRecorded e => Apply(e),
        TreatmentRecorded e => Apply(e),
        AssessmentAndPlanRecorded e => Apply(e),
        SessionNoteSigned e => Apply(e),
        SessionNoteAmended e => Apply(e),
        SessionNoteAddendumAdded e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of a session note after it opened.", nameof(change)),
    };

    private SessionNote Next(DateTimeOffset changedAt) => this with { Version = Version + 1, LastChangedAt = changedAt };
}

/// <summary>How session notes appear in the audit log.</summary>
internal static class SessionNoteAudit
{
    public const string ResourceType = "session-note";
}
