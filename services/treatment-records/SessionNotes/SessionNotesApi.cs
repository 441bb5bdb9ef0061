using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Security;
using NmtPractice.TreatmentRecords.SessionNotes.AmendingSessionNote;
using NmtPractice.TreatmentRecords.SessionNotes.OpeningSessionNote;
using NmtPractice.TreatmentRecords.SessionNotes.GettingSessionNote;
using NmtPractice.TreatmentRecords.SessionNotes.ListingClientSessions;
using NmtPractice.TreatmentRecords.SessionNotes.RecordingSections;
using NmtPractice.TreatmentRecords.SessionNotes.SigningSessionNote;

namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>
/// Session notes' HTTP API. Therapists write and sign notes at their locations; therapists and clinic
/// managers of the location read them. Front desk and operations admins have no reason to read
/// clinical notes. Every read and every write is audited.
/// </summary>
public static class SessionNotesApi
{
    public static IEndpointRouteBuilder MapSessionNotesApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup($"{ServiceInfo.RoutePrefix}/sessions").WithTags("Session notes");

        sessions.MapPost("/", OpenSessionNoteEndpoint.Handle)
            .RequireRoles(NmtRoles.Therapist)
            .WithName("OpenSessionNote")
            .WithSummary("Open the note of a treatment session (refused when the client's screening does not allow treatment)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        sessions.MapGet("/{id:guid}", GetSessionNoteEndpoint.Handle)
            .RequireRoles(NmtRoleSets.Clinicians)
            .WithName("GetSessionNote")
            .WithSummary("Read a session note, now or as it stood at a moment (asOf) or version (audited)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapGet("/{id:guid}/history", GetSessionNoteHistoryEndpoint.Handle)
            .RequireRoles(NmtRoleSets.Clinicians)
            .WithName("GetSessionNoteHistory")
            .WithSummary("Every change of a session note: what, who, when and why (audited)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapSection(sessions.MapPut("/{id:guid}/subjective", RecordSectionEndpoints.Subjective), "RecordSubjective",
            "Record the client's complaint, pain before the session, pain regions and goals");
        MapSection(sessions.MapPut("/{id:guid}/objective", RecordSectionEndpoints.Objective), "RecordObjective",
            "Record posture and biomechanical findings and trigger points");
        MapSection(sessions.MapPut("/{id:guid}/treatment", RecordSectionEndpoints.Treatment), "RecordTreatment",
            "Record the techniques applied with their parameters and the client's discomfort");
        MapSection(sessions.MapPut("/{id:guid}/assessment", RecordSectionEndpoints.Assessment), "RecordAssessmentAndPlan",
            "Record the assessment, plan, pain after the session and home care advice");

        MapSection(sessions.MapPost("/{id:guid}/signature", SignSessionNoteEndpoint.Handle), "SignSessionNote",
            "Sign the note: it is locked, and changes only by amendment");
        MapSection(sessions.MapPost("/{id:guid}/amendments", AmendSessionNoteEndpoint.Handle), "AmendSessionNote",
            "Amend one section of a signed note, with a reason; the original stays readable");

        app.MapGet($"{ServiceInfo.RoutePrefix}/clients/{{clientId:guid}}/sessions", ListClientSessionsEndpoint.Handle)
            .WithTags("Session notes")
            .RequireRoles(NmtRoleSets.Clinicians)
            .WithName("ListClientSessions")
            .WithSummary("A client's session notes at your locations, newest first (audited)");

        return app;
    }

    private static void MapSection(RouteHandlerBuilder endpoint, string name, string summary) => endpoint
        .RequireRoles(NmtRoles.Therapist)
        .WithName(name)
        .WithSummary(summary)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
