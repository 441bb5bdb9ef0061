using NmtPractice.OutcomeReporting.Operations.DailyBookings;

namespace NmtPractice.OutcomeReporting.Operations;

/// <summary>The operations dashboard's HTTP API.</summary>
public static class OperationsApi
{
    /// <summary>Maps <c>/api/outcomes/operations</c>.</summary>
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup($"{ServiceInfo.RoutePrefix}/operations")
            .WithTags("Operations");

        operations.MapGet("/daily-bookings", GetDailyBookingsEndpoint.Handle)
            .WithName("GetDailyBookings")
            .WithSummary("Appointments booked per location and day")
            .ProducesValidationProblem();

        return app;
    }
}
