using NmtPractice.Contracts.Security;
using NmtPractice.Intake.Clients.AnsweringIntake;
using NmtPractice.Intake.Clients.ChangingClientDetails;
using NmtPractice.Intake.Clients.FindingClients;
using NmtPractice.Intake.Clients.GivingConsent;
using NmtPractice.Intake.Clients.GettingClient;
using NmtPractice.Intake.Clients.GettingIntake;
using NmtPractice.Intake.Clients.GettingScreening;
using NmtPractice.Intake.Clients.RecordingClearance;
using NmtPractice.Intake.Clients.RegisteringClient;
using NmtPractice.ServiceDefaults.Security;

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

        clients.MapPost("/", RegisterClientEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("RegisterClient").WithSummary("Register a client at a location")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapGet("/", FindClientsEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaff)
            .WithName("FindClients").WithSummary("Find a location's clients by name (audited)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        clients.MapGet("/{id:guid}", GetClientEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaff)
            .WithName("GetClient").WithSummary("Read a client's details (audited)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapPut("/{id:guid}", ChangeClientDetailsEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("ChangeClientDetails").WithSummary("Replace a client's personal details (If-Match)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);

        clients.MapPost("/{id:guid}/intakes", AnswerIntakeEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaff)
            .WithName("AnswerIntake").WithSummary("Record the client's answers to the intake questionnaire and screen them")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapGet("/{id:guid}/intakes/latest", GetIntakeEndpoint.Latest).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("GetLatestIntake").WithSummary("Read the current intake answers (audited)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapGet("/{id:guid}/intakes/{version:int}", GetIntakeEndpoint.Version).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("GetIntakeVersion").WithSummary("Read any earlier intake version (audited)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapPost("/{id:guid}/consents", GiveConsentEndpoint.Handle).RequireRoles(NmtRoleSets.LocationStaff)
            .WithName("GiveConsent").WithSummary("Record a signed consent to treatment or to the privacy policy")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapPost("/{id:guid}/clearances", RecordClearanceEndpoint.Handle).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("RecordPhysicianClearance").WithSummary("Record a physician's clearance; the screening is decided again")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapGet("/{id:guid}/screening", GetScreeningEndpoint.Handle).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("GetScreening").WithSummary("Read the latest screening with every finding explained (audited)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
