using NmtPractice.TreatmentRecords.Practice;

namespace NmtPractice.TreatmentRecords.SessionNotes.OpeningSessionNote;

/// <summary>
/// What a therapist sends to open a note by hand (a walk-in, or before the check-in arrived). With an
/// appointment, the note's id is the appointment's: one note per appointment.
/// </summary>
public sealed record OpenSessionNoteRequest(Guid? SessionId, Guid? AppointmentId, Guid? ClientId, Guid? LocationId, Guid? TherapistId = null);

/// <summary>
/// <c>POST /api/treatments/sessions</c>: refused (409, with the reason) when the client's screening does
/// not allow treatment. A note for an appointment is checked against the appointment as scheduling
/// described it: the caller must work at the appointment's location (403, audited, whatever location
/// the request names), and the request's client and location must be the appointment's. A session of
/// a therapist linked to a staff account is opened by that therapist alone (or by the check-in); a
/// walk-in opened by a linked therapist names them.
/// </summary>
internal static class OpenSessionNoteEndpoint
{
    internal static async Task<Created<SessionNoteResponse>> Handle(
        OpenSessionNoteRequest request,
        RecordWriter writer,
        CurrentUser user,
        ClientReaches reaches,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (sessionId, clientId, locationId) = Validate(request);
        var session = writer.Session;
        Guid? appointmentTherapist = null;
        if (request.AppointmentId is { } appointmentId)
        {
            var appointment = await session.LoadAsync<KnownAppointment>(appointmentId, cancellationToken)
                ?? throw new ConflictException("Appointment not known", "Scheduling has not told treatment records of this appointment yet: try again in a moment, or wait for the check-in to open the note.")
                    .With("reason", "unknown-appointment");
            user.EnsureCanAccess(appointment.LocationId);
            if (appointment.ClientId != clientId || appointment.LocationId != locationId)
            {
                throw new RequestValidationException("appointmentId", "The appointment is for another client or location.");
            }

            if (appointment.Cancelled)
            {
                throw new ConflictException("Appointment cancelled", "The appointment was cancelled; open a note without it for a walk-in.").With("reason", "cancelled");
            }

            appointmentTherapist = appointment.TherapistId;
        }

        user.EnsureCanAccess(locationId);
        await reaches.EnsureMayServeAtAsync(clientId, locationId, cancellationToken);

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

        // Whose session it is: the appointment's therapist, the walk-in's named one, or the caller's own
        // therapist record. Of the people on staff, a therapist linked to a staff account is the only one
        // who opens their notes; an operator's service account (an import, the demo loader) may name any.
        var therapist = request.TherapistId ?? appointmentTherapist ?? await TherapistAccount.OfUserAtAsync(session, user.Id, locationId, cancellationToken);
        if (!user.IsServiceAccount && therapist is { } treating
            && await session.LoadAsync<TherapistAccount>(treating, cancellationToken) is { UserId: { } account } && account != user.Id)
        {
            throw new ForbiddenException("This session is another therapist's: they open its note, or the check-in does.") { LocationId = locationId };
        }

        var now = time.GetUtcNow();
        var screening = await session.LoadAsync<ClientScreening>(clientId, cancellationToken);
        var day = await LocationClock.TodayAtAsync(session, locationId, now, cancellationToken);
        var opened = SessionNoteDecisions.Open(
            sessionId, request.AppointmentId, clientId, locationId, therapist, day, screening,
            SessionNoteDecisions.TherapistSource, new Actor(user.Id, now));

        var note = await writer.StartAsync(
            NoteAccess.Rules, opened.SessionId, SessionNote.Create(opened), [opened],
            new ConflictException("Note already open", "A note with this id (or for this appointment) was opened meanwhile; read it instead.").With("sessionId", sessionId),
            cancellationToken);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/sessions/{note.State.Id}", SessionNoteResponse.From(note.State));
    }

    private static (Guid SessionId, Guid ClientId, Guid LocationId) Validate(OpenSessionNoteRequest request)
    {
        var errors = new InputErrors()
            .Require(request.ClientId is { } client && client != Guid.Empty, "clientId", "Required: the client's id.")
            .Require(request.LocationId is { } location && location != Guid.Empty, "locationId", "Required: the location's id.")
            .Require(request.AppointmentId != Guid.Empty, "appointmentId", "Must be a non-empty id when given.")
            .Require(request.TherapistId != Guid.Empty, "therapistId", "Must be a non-empty id when given.")
            .Require(request.SessionId != Guid.Empty, "sessionId", "Must be a non-empty id when given.")
            .Require(request.SessionId == Guid.Empty || request is not { SessionId: { } chosen, AppointmentId: { } appointment } || chosen == appointment,
                "sessionId", "A note for an appointment has the appointment's id: leave sessionId out.");
        errors.ThrowIfAny();
        return (request.AppointmentId ?? request.SessionId ?? Guid.CreateVersion7(), request.ClientId!.Value, request.LocationId!.Value);
    }
}
