using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.TreatmentRecords.SessionNotes.AmendingSessionNote;

/// <summary>
/// <c>POST /api/treatments/sessions/{id}/amendments</c> with <c>If-Match</c>: replaces one section of a
/// signed note, with a reason. The signed original stays readable (<c>?version=</c> or <c>?asOf=</c>).
/// </summary>
internal static class AmendSessionNoteEndpoint
{
    internal static async Task<Ok<SessionNoteResponse>> Handle(
        Guid id, AmendmentRequest request, HttpRequest http, IDocumentSession session, CurrentUser user, AuditLog audit,
        TimeProvider time, IOptions<TreatmentRecordsOptions> options, HttpResponse response, CancellationToken cancellationToken)
    {
        var stream = await NoteAccess.LoadForChangeAsync(id, "amend", http, session, user, audit, cancellationToken);
        var note = stream.Aggregate!;
        var amended = SessionNoteDecisions.Amend(note, request, options.Value.DiscomfortThresholdAt(note.LocationId), new Actor(user.Id, time.GetUtcNow()));
        return TypedResults.Ok(await NoteAccess.CommitAsync(stream, amended, "amend", session, audit, response, cancellationToken));
    }
}
