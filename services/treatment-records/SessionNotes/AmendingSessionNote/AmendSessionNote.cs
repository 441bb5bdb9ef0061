using Microsoft.Extensions.Options;

namespace NmtPractice.TreatmentRecords.SessionNotes.AmendingSessionNote;

/// <summary>
/// <c>POST /api/treatments/sessions/{id}/amendments</c> with <c>If-Match</c>: replaces one section of a
/// signed note, with a reason, by its author or a clinic manager of its location. The signed original
/// stays readable (<c>?version=</c> or <c>?asOf=</c>).
/// </summary>
internal static class AmendSessionNoteEndpoint
{
    internal static async Task<Ok<SessionNoteResponse>> Handle(
        Guid id, AmendmentRequest request, RecordWriter writer, CurrentUser user, TimeProvider time,
        IOptions<TreatmentRecordsOptions> options, CancellationToken cancellationToken)
    {
        var amended = await writer.WriteAsync(
            NoteAccess.Amending, id, new Audited("amend"),
            note => [SessionNoteDecisions.Amend(note, request, options.Value.DiscomfortThresholdAt(note.LocationId), new Actor(user.Id, time.GetUtcNow()))],
            cancellationToken);
        return TypedResults.Ok(SessionNoteResponse.From(amended.State));
    }
}
