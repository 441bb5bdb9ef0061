using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Practice.Locations.AddingRoom;
using NmtPractice.Scheduling.Practice.Locations.ChangingOpeningHours;
using NmtPractice.Scheduling.Practice.Locations.GettingLocations;
using NmtPractice.Scheduling.Practice.Locations.OpeningLocation;
using NmtPractice.Scheduling.Practice.Locations.SchedulingClosure;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Practice.Locations;

/// <summary>The chain's locations: opening, hours, closures and rooms.</summary>
public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var locations = app.MapGroup($"{ServiceInfo.RoutePrefix}/locations").WithTags("Locations");

        locations.MapPost("/", OpenLocationEndpoint.Handle).RequireRoles(NmtRoles.OperationsAdmin)
            .WithName("OpenLocation").WithSummary("Open a location").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        locations.MapGet("/", GetLocationsEndpoints.ListAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("ListLocations").WithSummary("The chain's locations");
        locations.MapGet("/{id:guid}", GetLocationsEndpoints.GetAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("GetLocation").WithSummary("A location")
            .ProducesProblem(StatusCodes.Status404NotFound);
        locations.MapPut("/{id:guid}/opening-hours", ChangeOpeningHoursEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("ChangeOpeningHours").WithSummary("Replace the weekly opening hours (If-Match)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        locations.MapPost("/{id:guid}/closures", ScheduleClosureEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("ScheduleClosure").WithSummary("Close the location on some dates").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        locations.MapPost("/{id:guid}/rooms", AddRoomEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("AddRoom").WithSummary("Add a treatment room").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}
