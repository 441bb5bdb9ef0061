namespace NmtPractice.Intake.Clients;

/// <summary>
/// Clients of the chain, their intake, consents, physician clearances and screening. The whole record
/// is read by the staff of the locations where the client is registered, booked or treated (and the
/// chain's operations); elsewhere, the summary when the chain shares its clients. Every read is audited.
/// </summary>
public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup($"{ServiceInfo.RoutePrefix}/clients").WithTags("Clients");

        clients.MapPost("/", RegisteringClient.RegisterClientEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("RegisterClient").WithSummary("Register a client at a location")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapGet("/", FindingClients.FindClientsEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("FindClients").WithSummary("Find clients by name: the chain's, or the location's when it keeps its clients (audited)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        clients.MapGet("/duplicates", FindingDuplicates.FindDuplicatesEndpoint.Handle).RequireRoles(NmtRoleSets.ChainOperations)
            .WithName("FindDuplicateClients").WithSummary("Registrations that look like the same person (audited)");

        clients.MapGet("/{id:guid}", GettingClient.GetClientEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaffAndTheClient)
            .WithName("GetClient").WithSummary("Read a client's details, where the client is registered, booked or treated, or the signed-in client their own (audited)")
            .ProducesRecordProblems();

        clients.MapGet("/{id:guid}/summary", GettingClientSummary.GetClientSummaryEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetClientSummary").WithSummary("Read what every location of the chain may know of a client (audited)")
            .ProducesRecordProblems();

        clients.MapPost("/{id:guid}/merges", MergingClients.MergeClientsEndpoint.Handle).RequireRoles(NmtRoleSets.ChainOperations)
            .WithName("MergeClients").WithSummary("Merge a duplicate registration of the same person into this record (audited)")
            .ProducesValidationProblem().ProducesRecordProblems().ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapPut("/{id:guid}", ChangingClientDetails.ChangeClientDetailsEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("ChangeClientDetails").WithSummary("Replace a client's personal details (If-Match)")
            .ProducesValidationProblem().ProducesRecordProblems()
            .ProducesVersionProblems();

        clients.MapPut("/{id:guid}/message-preferences", SettingMessagePreferences.SetMessagePreferencesEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOfficeAndTheClient)
            .WithName("SetMessagePreferences").WithSummary("Record which messages the client agreed to, by email and text, and their language (If-Match; the signed-in client their own)")
            .ProducesValidationProblem().ProducesRecordProblems()
            .ProducesVersionProblems();

        clients.MapPost("/{id:guid}/intakes", AnsweringIntake.AnswerIntakeEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaffAndTheClient)
            .WithName("AnswerIntake").WithSummary("Record the client's answers to the intake questionnaire and screen them (the signed-in client their own)")
            .ProducesValidationProblem().ProducesRecordProblems();

        clients.MapGet("/{id:guid}/intakes/latest", GettingIntake.GetIntakeEndpoint.Latest).RequireRoles(NmtRoleSets.ClinicalReadersAndTheClient)
            .WithName("GetLatestIntake").WithSummary("Read the current intake answers (audited; the signed-in client their own)")
            .ProducesRecordProblems();

        clients.MapGet("/{id:guid}/intakes/{version:int}", GettingIntake.GetIntakeEndpoint.Version).RequireRoles(NmtRoleSets.ClinicalReaders)
            .WithName("GetIntakeVersion").WithSummary("Read any earlier intake version (audited)")
            .ProducesRecordProblems();

        clients.MapPost("/{id:guid}/consents", GivingConsent.GiveConsentEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaffAndTheClient)
            .WithName("GiveConsent").WithSummary("Record a signed consent to treatment or to the privacy policy (the signed-in client their own)")
            .ProducesValidationProblem().ProducesRecordProblems();

        clients.MapPost("/{id:guid}/clearances", RecordingClearance.RecordClearanceEndpoint.Handle).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("RecordPhysicianClearance").WithSummary("Record a physician's clearance; the screening is decided again")
            .ProducesValidationProblem().ProducesRecordProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapGet("/{id:guid}/screening", GettingScreening.GetScreeningEndpoint.Handle).RequireRoles(NmtRoleSets.ClinicalReaders)
            .WithName("GetScreening").WithSummary("Read the latest screening with every finding explained (audited)")
            .ProducesRecordProblems();

        return app;
    }
}
