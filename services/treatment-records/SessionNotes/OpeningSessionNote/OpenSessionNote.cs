using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.TreatmentRecords.SessionNotes.OpeningSessionNote;

/// <summary>What a therapist sends to open the note of a session.</summary>
public sealed record OpenSessionNoteRequest(
    Guid? SessionId,
    Guid? AppointmentId,
    [property: Required] Guid? ClientId,
    [property: Required] Guid? LocationId);

/// <summary>The decision to open a note: pure.</summary>
public static class OpenSessionNoteDecider
{
    public static SessionNoteOpened Decide(Guid sessionId, Guid? appointmentId, Guid clientId, Guid locationId, string therapistId, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (sessionId == Guid.Empty)
        {
            errors["sessionId"] = ["Must be a non-empty id."];
        }

        if (clientId == Guid.Empty)
        {
            errors["clientId"] = ["Must be a non-empty id."];
        }

        if (locationId == Guid.Empty)
        {
            errors["locationId"] = ["Must be a non-empty id."];
        }

        if (appointmentId == Guid.Empty)
        {
            errors["appointmentId"] = ["Must be a non-empty id when given."];
        }

        return errors.Count > 0
            ? throw new RequestValidationException(errors)
            : new SessionNoteOpened(sessionId, appointmentId, clientId, locationId, therapistId, now);
    }
}

/// <summary><c>POST /api/treatments/sessions</c>.</summary>
internal static class OpenSessionNoteEndpoint
{
    internal static async Task<Created<SessionNoteResponse>> Handle(
        OpenSessionNoteRequest request,
        IDocumentSession session,
        CurrentUser user,
        AuditLog audit,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(request.LocationId!.Value);
        var opened = OpenSessionNoteDecider.Decide(
            request.SessionId ?? Guid.CreateVersion7(),
            request.AppointmentId,
            request.ClientId!.Value,
            request.LocationId.Value,
            user.Id,
            time.GetUtcNow());

        session.Events.StartStream<SessionNote>(opened.SessionId, opened);
        audit.RecordWrite(session, new AuditEntry("create", SessionNoteAudit.ResourceType, opened.SessionId.ToString(), opened.LocationId, opened.ClientId));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.ConcurrencyException)
        {
            throw new ConflictException("Session id already used", "Another session note already has this id.");
        }

        var note = SessionNote.Create(opened);
        response.SetETag(note.Version);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/sessions/{note.Id}", SessionNoteResponse.From(note));
    }
}
