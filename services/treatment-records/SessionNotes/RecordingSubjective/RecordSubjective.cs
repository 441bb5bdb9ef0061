using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.TreatmentRecords.SessionNotes.RecordingSubjective;

/// <summary>The client's report: chief complaint and pain before the session (NPRS 0-10).</summary>
public sealed record RecordSubjectiveRequest(
    [property: Required, StringLength(2000, MinimumLength = 1)] string? ChiefComplaint,
    [property: Required, Range(0, 10)] int? PainBefore);

/// <summary><c>PUT /api/treatments/sessions/{id}/subjective</c>, with <c>If-Match</c> naming the version read.</summary>
internal static class RecordSubjectiveEndpoint
{
    internal static async Task<Ok<SessionNoteResponse>> Handle(
        Guid id,
        RecordSubjectiveRequest request,
        HttpRequest http,
        IDocumentSession session,
        CurrentUser user,
        AuditLog audit,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var expected = http.ExpectedVersion()
            ?? throw new PreconditionRequiredException("Send If-Match with the ETag of the note you read, so that no one's change is overwritten.");

        var stream = await session.Events.FetchForWriting<SessionNote>(id, cancellationToken);
        var note = stream.Aggregate ?? throw new NotFoundException("Session note not found", "No session note has this id.");
        if (!user.CanAccess(note.LocationId))
        {
            await audit.RecordDeniedAsync(new AuditEntry("update", SessionNoteAudit.ResourceType, id.ToString(), note.LocationId, note.ClientId), cancellationToken);
            throw new ForbiddenException("This note belongs to a location you do not work at.");
        }

        if (stream.CurrentVersion != expected)
        {
            throw new PreconditionFailedException($"The note is at version {stream.CurrentVersion}; you sent changes to version {expected}. Read it again.");
        }

        var recorded = new SubjectiveRecorded(id, request.ChiefComplaint!.Trim(), request.PainBefore!.Value, user.Id, time.GetUtcNow());
        stream.AppendOne(recorded);
        audit.RecordWrite(session, new AuditEntry("update", SessionNoteAudit.ResourceType, id.ToString(), note.LocationId, note.ClientId));
        await session.SaveChangesAsync(cancellationToken);

        var updated = note.Apply(recorded) with { Version = expected + 1 };
        response.SetETag(updated.Version);
        return TypedResults.Ok(SessionNoteResponse.From(updated));
    }
}
