using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Practice.Services.DefiningService;
using NmtPractice.Scheduling.Practice.Services.ListingServices;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Practice.Services;

/// <summary>The chain's bookable services.</summary>
public static class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup($"{ServiceInfo.RoutePrefix}/services").WithTags("Services");
        services.MapPost("/", DefineServiceEndpoint.Handle).RequireRoles(NmtRoles.OperationsAdmin)
            .WithName("DefineService").WithSummary("Define a bookable service").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        services.MapGet("/", ListServicesEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff).WithName("ListServices").WithSummary("The bookable services");
        return app;
    }
}
