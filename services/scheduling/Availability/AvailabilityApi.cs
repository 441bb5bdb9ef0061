namespace NmtPractice.Scheduling.Availability;

/// <summary>Free slots, for the desk and the booking screens.</summary>
public static class AvailabilityApi
{
    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{ServiceInfo.RoutePrefix}/availability", FindingAvailability.FindAvailabilityEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff).WithTags("Availability")
            .WithName("FindAvailability").WithSummary("Free slots for a service at a location over up to 14 days")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
