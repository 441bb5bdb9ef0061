using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.TreatmentRecords.SessionNotes.ReadingSessionNote;

/// <summary><c>GET /api/treatments/sessions/{id}</c>: every read, and every refused read, is audited.</summary>
internal static class GetSessionNoteEndpoint
{
    internal static async Task<Ok<SessionNoteResponse>> Handle(
        Guid id,
        IQuerySession session,
        CurrentUser user,
        AuditLog audit,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var note = await session.LoadAsync<SessionNote>(id, cancellationToken)
            ?? throw new NotFoundException("Session note not found", "No session note has this id.");
        var entry = new AuditEntry("read", SessionNoteAudit.ResourceType, id.ToString(), note.LocationId, note.ClientId);
        if (!user.CanAccess(note.LocationId))
        {
            await audit.RecordDeniedAsync(entry, cancellationToken);
            throw new ForbiddenException("This note belongs to a location you do not work at.");
        }

        await audit.RecordReadAsync(entry, cancellationToken);
        response.SetETag(note.Version);
        return TypedResults.Ok(SessionNoteResponse.From(note));
    }
}
