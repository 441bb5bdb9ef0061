namespace NmtPractice.TreatmentRecords.SessionNotes.GettingSessionNote;

/// <summary>
/// <c>GET /api/treatments/sessions/{id}</c>: the note as it stands, or as it stood at a past moment
/// (<c>?asOf=</c>) or version (<c>?version=</c>). Every read, and every refused read, is audited.
/// </summary>
internal static class GetSessionNoteEndpoint
{
    internal static async Task<Ok<SessionNoteResponse>> Handle(
        Guid id,
        DateTimeOffset? asOf,
        long? version,
        IQuerySession session,
        RecordReader reader,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (asOf is not null && version is not null)
        {
            throw new RequestValidationException("asOf", "Ask for a moment (asOf) or a version, not both.");
        }

        if (version < 1)
        {
            throw new RequestValidationException("version", "Versions start at 1.");
        }

        var note = await reader.ReadAsync(NoteAccess.Reading, id, Audited.Read, cancellationToken);

        if (asOf is null && version is null)
        {
            response.SetETag(note.Version);
            return TypedResults.Ok(SessionNoteResponse.From(note));
        }

        var past = await AsItStoodAsync(session, id, asOf, version, cancellationToken);
        if (past is null || (version is { } wanted && past.Version != wanted))
        {
            throw new NotFoundException(
                "No such version",
                asOf is not null ? "The note did not exist yet at that moment." : $"The note has no version {version}; its latest is {note.Version}.");
        }

        return TypedResults.Ok(SessionNoteResponse.From(past, asOf ?? past.LastChangedAt));
    }

    /// <summary>
    /// Folds the note's events up to a version, or up to a moment by the times the note shows (when a
    /// section was recorded, signed or amended), so that asking as of a note's own <c>signedAt</c>
    /// includes the signature.
    /// </summary>
    internal static async Task<SessionNote?> AsItStoodAsync(IQuerySession session, Guid id, DateTimeOffset? asOf, long? version, CancellationToken cancellationToken)
    {
        SessionNote? note = null;
        foreach (var committed in await session.Events.FetchStreamAsync(id, token: cancellationToken))
        {
            if (committed.Version > version || SessionNoteHistory.Describe(committed.Version, committed.Data).At > asOf)
            {
                break;
            }

            note = note is null ? SessionNote.Create((SessionNoteOpened)committed.Data) : note.After(committed.Data);
        }

        return note;
    }
}
