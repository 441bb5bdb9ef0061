namespace NmtPractice.TreatmentRecords.SessionNotes.GettingSessionNote;

/// <summary>
/// <c>GET /api/treatments/sessions/{id}/history</c>: every change of the note (version, what, who,
/// when, why), oldest first, without clinical content; read a version with <c>?version=</c>. Audited.
/// </summary>
internal static class GetSessionNoteHistoryEndpoint
{
    internal static async Task<Ok<IReadOnlyList<SessionNoteChange>>> Handle(
        Guid id, IQuerySession session, RecordReader reader, CancellationToken cancellationToken)
    {
        var note = await reader.ReadAsync(NoteAccess.Reading, id, new Audited("read-history"), cancellationToken);

        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        IReadOnlyList<SessionNoteChange> changes = [.. events.Select(e => SessionNoteHistory.Describe(e.Version, e.Data))];
        return TypedResults.Ok(changes);
    }
}

/// <summary>What each of a note's events means to a reader of its history.</summary>
internal static class SessionNoteHistory
{
    internal static SessionNoteChange Describe(long version, object data) => data switch
    {
        SessionNoteOpened e => new(version, "opened", null, e.OpenedBy, e.OpenedAt, null),
        SubjectiveRecorded e => new(version, "recorded", NoteSections.Subjective, e.RecordedBy, e.RecordedAt, null),
        ObjectiveRecorded e => new(version, "recorded", NoteSections.Objective, e.RecordedBy, e.RecordedAt, null),
        TreatmentRecorded e => new(version, "recorded", NoteSections.Treatment, e.RecordedBy, e.RecordedAt, null),
        AssessmentAndPlanRecorded e => new(version, "recorded", NoteSections.Assessment, e.RecordedBy, e.RecordedAt, null),
        SessionNoteSigned e => new(version, "signed", null, e.SignedBy, e.SignedAt, null),
        SessionNoteAmended e => new(version, "amended", e.Section, e.AmendedBy, e.AmendedAt, e.Reason),
        SessionNoteAddendumAdded e => new(version, "addendum", null, e.AddedBy, e.AddedAt, null),
        _ => new(version, data.GetType().Name, null, "unknown", DateTimeOffset.MinValue, null),
    };
}
