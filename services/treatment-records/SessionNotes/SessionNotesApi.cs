using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Security;
using NmtPractice.TreatmentRecords.SessionNotes.OpeningSessionNote;
using NmtPractice.TreatmentRecords.SessionNotes.ReadingSessionNote;
using NmtPractice.TreatmentRecords.SessionNotes.RecordingSubjective;

namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>
/// Session notes' HTTP API. Notes are read only by the therapists and managers of their location:
/// front desk and operations admins have no reason to read clinical notes.
/// </summary>
public static class SessionNotesApi
{
    public static IEndpointRouteBuilder MapSessionNotesApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup($"{ServiceInfo.RoutePrefix}/sessions").WithTags("Session notes");

        sessions.MapPost("/", OpenSessionNoteEndpoint.Handle)
            .RequireRoles(NmtRoles.Therapist)
            .WithName("OpenSessionNote")
            .WithSummary("Open the note of a treatment session")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        sessions.MapGet("/{id:guid}", GetSessionNoteEndpoint.Handle)
            .RequireRoles(NmtRoles.Therapist, NmtRoles.ClinicManager)
            .WithName("GetSessionNote")
            .WithSummary("Read a session note (audited)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapPut("/{id:guid}/subjective", RecordSubjectiveEndpoint.Handle)
            .RequireRoles(NmtRoles.Therapist)
            .WithName("RecordSubjective")
            .WithSummary("Record the client's chief complaint and pain before the session")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        return app;
    }
}
