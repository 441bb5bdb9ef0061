using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Practice.Therapists.BookingTimeOff;
using NmtPractice.Scheduling.Practice.Therapists.ChangingTherapistServices;
using NmtPractice.Scheduling.Practice.Therapists.GettingTherapists;
using NmtPractice.Scheduling.Practice.Therapists.RegisteringTherapist;
using NmtPractice.Scheduling.Practice.Therapists.SettingWorkingHours;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Practice.Therapists;

/// <summary>Therapists: the services they offer (changeable), their weekly hours per location, their time off.</summary>
public static class TherapistsApi
{
    public static IEndpointRouteBuilder MapTherapistsApi(this IEndpointRouteBuilder app)
    {
        var therapists = app.MapGroup($"{ServiceInfo.RoutePrefix}/therapists").WithTags("Therapists");

        therapists.MapPost("/", RegisterTherapistEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("RegisterTherapist").WithSummary("Register a therapist").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        therapists.MapGet("/", GetTherapistsEndpoints.ListAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("ListTherapists").WithSummary("Therapists, optionally of one location");
        therapists.MapGet("/{id:guid}", GetTherapistsEndpoints.GetAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("GetTherapist").WithSummary("A therapist")
            .ProducesProblem(StatusCodes.Status404NotFound);
        therapists.MapPut("/{id:guid}/locations/{locationId:guid}/hours", SetWorkingHoursEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("SetWorkingHours").WithSummary("Set a therapist's weekly hours at a location (an empty week: no longer works there)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        therapists.MapPut("/{id:guid}/services", ChangeTherapistServicesEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("ChangeTherapistServices").WithSummary("Replace the services a therapist offers (send If-Match with the therapist's ETag)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        therapists.MapPost("/{id:guid}/time-off", BookTimeOffEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("BookTimeOff").WithSummary("Book time off; lists the appointments it overlaps")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
