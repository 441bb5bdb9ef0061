using Marten;
using JasperFx.Events;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>
/// The steps every change to a note shares: load it for writing, check the caller's location (and
/// audit a refusal), check <c>If-Match</c>, then append one event with its audit row in one commit.
/// </summary>
internal static class NoteAccess
{
    public static AuditEntry Entry(string action, SessionNote note) =>
        new(action, SessionNoteAudit.ResourceType, note.Id.ToString(), note.LocationId, note.ClientId);

    /// <summary>Reads the note for a change and checks who and which version.</summary>
    public static async Task<IEventStream<SessionNote>> LoadForChangeAsync(
        Guid id, string action, HttpRequest http, IDocumentSession session, CurrentUser user, AuditLog audit, CancellationToken cancellationToken)
    {
        var expected = http.ExpectedVersion()
            ?? throw new PreconditionRequiredException("Send If-Match with the ETag of the note you read, so that no one's change is overwritten.");

        var stream = await session.Events.FetchForWriting<SessionNote>(id, cancellationToken);
        var note = stream.Aggregate ?? throw new NotFoundException("Session note not found", "No session note has this id.");
        await EnsureCanAccessAsync(note, action, user, audit, cancellationToken);
        if (stream.CurrentVersion != expected)
        {
            throw new PreconditionFailedException($"The note is at version {stream.CurrentVersion}; you sent changes to version {expected}. Read it again.");
        }

        return stream;
    }

    /// <summary>Refuses, and audits the refusal, when the note's location is not the caller's.</summary>
    public static async Task EnsureCanAccessAsync(SessionNote note, string action, CurrentUser user, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!user.CanAccess(note.LocationId))
        {
            await audit.RecordDeniedAsync(Entry(action, note), cancellationToken);
            throw new ForbiddenException("This note belongs to a location you do not work at.");
        }
    }

    /// <summary>Appends the decided event with its audit row, commits, and answers with the note as it now stands.</summary>
    public static async Task<SessionNoteResponse> CommitAsync(
        IEventStream<SessionNote> stream, object decided, string action, IDocumentSession session, AuditLog audit,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var note = stream.Aggregate!;
        stream.AppendOne(decided);
        audit.RecordWrite(session, Entry(action, note));
        await session.SaveChangesAsync(cancellationToken);

        var updated = note.After(decided);
        response.SetETag(updated.Version);
        return SessionNoteResponse.From(updated);
    }
}
