namespace NmtPractice.OutcomeReporting.Operations;

/// <summary>The operations dashboard's HTTP API: for clinic managers (their locations) and operations admins.</summary>
public static class OperationsApi
{
    /// <summary>Maps <c>/api/outcomes/operations</c>.</summary>
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup($"{ServiceInfo.RoutePrefix}/operations")
            .WithTags("Operations")
            .RequireRoles(NmtRoleSets.Managers);

        operations.MapGet("/daily-bookings", GettingDailyBookings.GetDailyBookingsEndpoint.Handle).WithName("GetDailyBookings")
            .WithSummary("Appointments booked per location and day; format=csv exports")
            .ProducesDashboardView();

        operations.MapGet("/utilisation", GettingUtilisation.GetUtilisationEndpoint.Handle).WithName("GetUtilisation")
            .WithSummary("Booked vs available hours, no-shows, late cancellations, new and returning clients; by location or therapist and day, week or month; format=csv exports")
            .ProducesDashboardView();

        operations.MapGet("/screenings", GettingScreeningOutcomes.GetScreeningOutcomesEndpoint.Handle).WithName("GetScreeningOutcomes")
            .WithSummary("Screening outcomes per location and period: shares needing clearance or contraindicated; format=csv exports")
            .ProducesDashboardView();

        operations.MapGet("/waitlist", GettingWaitlistActivity.GetWaitlistActivityEndpoint.Handle).WithName("GetWaitlistActivity")
            .WithSummary("Waitlist offers and fills per location and period; format=csv exports")
            .ProducesDashboardView();

        return app;
    }
}
