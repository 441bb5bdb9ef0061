namespace NmtPractice.TreatmentRecords.SessionNotes.AddingAddendum;

/// <summary>
/// <c>POST /api/treatments/sessions/{id}/addenda</c> with <c>If-Match</c>: a clinician of the note's
/// location who did not sign it (or its author, after the fact) adds an attributed addendum to a signed
/// note, which leaves the signed content as it was.
/// </summary>
internal static class AddAddendumEndpoint
{
    internal static async Task<Ok<SessionNoteResponse>> Handle(
        Guid id, AddendumRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var added = await writer.WriteAsync(
            NoteAccess.Rules, id, new Audited("addendum"),
            note => [SessionNoteDecisions.AddAddendum(note, request, new Actor(user.Id, time.GetUtcNow()))],
            cancellationToken);
        return TypedResults.Ok(SessionNoteResponse.From(added.State));
    }
}
