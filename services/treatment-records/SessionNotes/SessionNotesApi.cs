namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>
/// Session notes' HTTP API. Therapists write and sign notes at their locations; therapists and clinic
/// managers read them wherever the client is registered, booked or treated, and the chain's operations
/// everywhere. The front desk has no reason to read clinical notes. Every read and every write is audited.
/// </summary>
public static class SessionNotesApi
{
    public static IEndpointRouteBuilder MapSessionNotesApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup($"{ServiceInfo.RoutePrefix}/sessions").WithTags("Session notes");

        sessions.MapPost("/", OpeningSessionNote.OpenSessionNoteEndpoint.Handle)
            .RequireRoles(NmtRoles.Therapist)
            .WithName("OpenSessionNote")
            .WithSummary("Open the note of a treatment session (refused when the client's screening does not allow treatment)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        sessions.MapGet("/{id:guid}", GettingSessionNote.GetSessionNoteEndpoint.Handle)
            .RequireRoles(NmtRoleSets.ClinicalReaders)
            .WithName("GetSessionNote")
            .WithSummary("Read a session note, now or as it stood at a moment (asOf) or version (audited)")
            .ProducesValidationProblem()
            .ProducesRecordProblems();

        sessions.MapGet("/{id:guid}/history", GettingSessionNote.GetSessionNoteHistoryEndpoint.Handle)
            .RequireRoles(NmtRoleSets.ClinicalReaders)
            .WithName("GetSessionNoteHistory")
            .WithSummary("Every change of a session note: what, who, when and why (audited)")
            .ProducesRecordProblems();

        MapSection(sessions.MapPut("/{id:guid}/subjective", RecordingSections.RecordSectionEndpoints.Subjective), "RecordSubjective",
            "Record the client's complaint, pain before the session, pain regions and goals");
        MapSection(sessions.MapPut("/{id:guid}/objective", RecordingSections.RecordSectionEndpoints.Objective), "RecordObjective",
            "Record posture and biomechanical findings and trigger points");
        MapSection(sessions.MapPut("/{id:guid}/treatment", RecordingSections.RecordSectionEndpoints.Treatment), "RecordTreatment",
            "Record the techniques applied with their parameters and the client's discomfort");
        MapSection(sessions.MapPut("/{id:guid}/assessment", RecordingSections.RecordSectionEndpoints.Assessment), "RecordAssessmentAndPlan",
            "Record the assessment, plan, pain after the session and home care advice");

        MapSection(sessions.MapPost("/{id:guid}/signature", SigningSessionNote.SignSessionNoteEndpoint.Handle), "SignSessionNote",
            "Sign the note: it is locked, and changes only by amendment");
        MapSection(sessions.MapPost("/{id:guid}/amendments", AmendingSessionNote.AmendSessionNoteEndpoint.Handle), "AmendSessionNote",
            "Amend one section of a signed note, with a reason (its author, or a clinic manager); the original stays readable",
            NmtRoleSets.Clinicians);
        MapSection(sessions.MapPost("/{id:guid}/addenda", AddingAddendum.AddAddendumEndpoint.Handle), "AddSessionNoteAddendum",
            "Add an attributed addendum to a signed note (any clinician of its location); the signed content is untouched",
            NmtRoleSets.Clinicians);

        app.MapGet($"{ServiceInfo.RoutePrefix}/clients/{{clientId:guid}}/sessions", ListingClientSessions.ListClientSessionsEndpoint.Handle)
            .WithTags("Session notes")
            .RequireRoles(NmtRoleSets.ClinicalReaders)
            .WithName("ListClientSessions")
            .WithSummary("A client's session notes, newest first: every location's where the client is known to yours, else your locations' (audited)");

        return app;
    }

    private static void MapSection(RouteHandlerBuilder endpoint, string name, string summary, IReadOnlyList<string>? roles = null) => endpoint
        .RequireRoles(roles ?? [NmtRoles.Therapist])
        .WithName(name)
        .WithSummary(summary)
        .ProducesValidationProblem()
        .ProducesRecordProblems()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesVersionProblems();
}
