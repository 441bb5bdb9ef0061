namespace NmtPractice.Intake.Clients;

/// <summary>
/// Clients, their intake, consents, physician clearances and screening. Personal details and
/// clinical answers are read only by staff of the client's location, and every read is audited.
/// </summary>
public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup($"{ServiceInfo.RoutePrefix}/clients").WithTags("Clients");

        clients.MapPost("/", RegisteringClient.RegisterClientEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("RegisterClient").WithSummary("Register a client at a location")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapGet("/", FindingClients.FindClientsEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaff)
            .WithName("FindClients").WithSummary("Find a location's clients by name (audited)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        clients.MapGet("/{id:guid}", GettingClient.GetClientEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaff)
            .WithName("GetClient").WithSummary("Read a client's details (audited)")
            .ProducesRecordProblems();

        clients.MapPut("/{id:guid}", ChangingClientDetails.ChangeClientDetailsEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("ChangeClientDetails").WithSummary("Replace a client's personal details (If-Match)")
            .ProducesValidationProblem().ProducesRecordProblems()
            .ProducesVersionProblems();

        clients.MapPost("/{id:guid}/intakes", AnsweringIntake.AnswerIntakeEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaff)
            .WithName("AnswerIntake").WithSummary("Record the client's answers to the intake questionnaire and screen them")
            .ProducesValidationProblem().ProducesRecordProblems();

        clients.MapGet("/{id:guid}/intakes/latest", GettingIntake.GetIntakeEndpoint.Latest).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("GetLatestIntake").WithSummary("Read the current intake answers (audited)")
            .ProducesRecordProblems();

        clients.MapGet("/{id:guid}/intakes/{version:int}", GettingIntake.GetIntakeEndpoint.Version).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("GetIntakeVersion").WithSummary("Read any earlier intake version (audited)")
            .ProducesRecordProblems();

        clients.MapPost("/{id:guid}/consents", GivingConsent.GiveConsentEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaff)
            .WithName("GiveConsent").WithSummary("Record a signed consent to treatment or to the privacy policy")
            .ProducesValidationProblem().ProducesRecordProblems();

        clients.MapPost("/{id:guid}/clearances", RecordingClearance.RecordClearanceEndpoint.Handle).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("RecordPhysicianClearance").WithSummary("Record a physician's clearance; the screening is decided again")
            .ProducesValidationProblem().ProducesRecordProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapGet("/{id:guid}/screening", GettingScreening.GetScreeningEndpoint.Handle).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("GetScreening").WithSummary("Read the latest screening with every finding explained (audited)")
            .ProducesRecordProblems();

        return app;
    }
}
