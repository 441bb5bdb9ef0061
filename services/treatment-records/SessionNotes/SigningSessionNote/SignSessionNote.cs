using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.TreatmentRecords.SessionNotes.SigningSessionNote;

/// <summary>
/// <c>POST /api/treatments/sessions/{id}/signature</c> with <c>If-Match</c>: the therapist signs the
/// note as read. Refused (409, listing what is missing) for an incomplete note; after it, the note
/// changes only by amendment.
/// </summary>
internal static class SignSessionNoteEndpoint
{
    internal static async Task<Ok<SessionNoteResponse>> Handle(
        Guid id, HttpRequest http, IDocumentSession session, CurrentUser user, AuditLog audit, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var stream = await NoteAccess.LoadForChangeAsync(id, "sign", http, session, user, audit, cancellationToken);
        var signed = SessionNoteDecisions.Sign(stream.Aggregate!, new Actor(user.Id, time.GetUtcNow()));
        return TypedResults.Ok(await NoteAccess.CommitAsync(stream, signed, "sign", session, audit, response, cancellationToken));
    }
}
