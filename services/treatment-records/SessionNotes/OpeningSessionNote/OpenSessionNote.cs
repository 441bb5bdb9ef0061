using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;
using NmtPractice.TreatmentRecords.Practice;
using NmtPractice.TreatmentRecords.Screening;

namespace NmtPractice.TreatmentRecords.SessionNotes.OpeningSessionNote;

/// <summary>
/// What a therapist sends to open a note by hand (a walk-in, or before the check-in arrived). With an
/// appointment, the note's id is the appointment's: one note per appointment.
/// </summary>
public sealed record OpenSessionNoteRequest(Guid? SessionId, Guid? AppointmentId, Guid? ClientId, Guid? LocationId, Guid? TherapistId = null);

/// <summary><c>POST /api/treatments/sessions</c>: refused (409, with the reason) when the client's screening does not allow treatment.</summary>
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
        var (sessionId, clientId, locationId) = Validate(request);
        user.EnsureCanAccess(locationId);

        if (await session.Events.FetchStreamStateAsync(sessionId, cancellationToken) is not null)
        {
            throw new ConflictException("Note already open", "A note with this id (or for this appointment) is already open; read it instead.")
                .With("sessionId", sessionId);
        }

        // A walk-in may name the therapist who treats: one who works at the location.
        if (request.TherapistId is { } therapistId && !await TherapistAtLocation.WorksAtAsync(session, therapistId, locationId, cancellationToken))
        {
            throw new RequestValidationException("therapistId", "Not a therapist with hours at this location.");
        }

        var now = time.GetUtcNow();
        var screening = await session.LoadAsync<ClientScreening>(clientId, cancellationToken);
        var day = await LocationClock.TodayAtAsync(session, locationId, now, cancellationToken);
        var opened = SessionNoteDecisions.Open(
            sessionId, request.AppointmentId, clientId, locationId, request.TherapistId, day, screening,
            SessionNoteDecisions.TherapistSource, new Actor(user.Id, now));

        session.Events.StartStream<SessionNote>(opened.SessionId, opened);
        var note = SessionNote.Create(opened);
        audit.RecordWrite(session, NoteAccess.Entry("create", note));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            throw new ConflictException("Note already open", "A note with this id (or for this appointment) was opened meanwhile; read it instead.")
                .With("sessionId", sessionId);
        }

        response.SetETag(note.Version);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/sessions/{note.Id}", SessionNoteResponse.From(note));
    }

    private static (Guid SessionId, Guid ClientId, Guid LocationId) Validate(OpenSessionNoteRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.ClientId is null || request.ClientId == Guid.Empty)
        {
            errors["clientId"] = ["Required: the client's id."];
        }

        if (request.LocationId is null || request.LocationId == Guid.Empty)
        {
            errors["locationId"] = ["Required: the location's id."];
        }

        if (request.AppointmentId == Guid.Empty)
        {
            errors["appointmentId"] = ["Must be a non-empty id when given."];
        }

        if (request.TherapistId == Guid.Empty)
        {
            errors["therapistId"] = ["Must be a non-empty id when given."];
        }

        if (request.SessionId == Guid.Empty)
        {
            errors["sessionId"] = ["Must be a non-empty id when given."];
        }
        else if (request is { SessionId: { } chosen, AppointmentId: { } appointment } && chosen != appointment)
        {
            errors["sessionId"] = ["A note for an appointment has the appointment's id: leave sessionId out."];
        }

        return errors.Count > 0
            ? throw new RequestValidationException(errors)
            : (request.AppointmentId ?? request.SessionId ?? Guid.CreateVersion7(), request.ClientId!.Value, request.LocationId!.Value);
    }
}
