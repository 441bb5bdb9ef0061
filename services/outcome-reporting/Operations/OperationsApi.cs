using NmtPractice.Contracts.Security;
using NmtPractice.OutcomeReporting.Operations.DailyBookings;
using NmtPractice.ServiceDefaults.Security;

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
            .RequireRoles(NmtRoles.ClinicManager, NmtRoles.OperationsAdmin)
            .WithName("GetDailyBookings")
            .WithSummary("Appointments booked per location and day")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }
}
