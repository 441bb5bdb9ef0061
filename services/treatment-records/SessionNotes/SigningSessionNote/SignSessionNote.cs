namespace NmtPractice.TreatmentRecords.SessionNotes.SigningSessionNote;

/// <summary>
/// <c>POST /api/treatments/sessions/{id}/signature</c> with <c>If-Match</c>: the therapist signs the
/// note as read. Refused (409, listing what is missing) for an incomplete note; after it, the note
/// changes only by amendment.
/// </summary>
internal static class SignSessionNoteEndpoint
{
    internal static async Task<Ok<SessionNoteResponse>> Handle(
        Guid id, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var signed = await writer.WriteAsync(
            NoteAccess.Rules, id, new Audited("sign"), note => [SessionNoteDecisions.Sign(note, new Actor(user.Id, time.GetUtcNow()))], cancellationToken);
        return TypedResults.Ok(SessionNoteResponse.From(signed.State));
    }
}
