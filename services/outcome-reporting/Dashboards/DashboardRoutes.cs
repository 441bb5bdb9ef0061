namespace NmtPractice.OutcomeReporting.Dashboards;

/// <summary>What every dashboard view answers: JSON, or CSV with <c>format=csv</c>; a bad filter is a 400, another location a 403.</summary>
internal static class DashboardRoutes
{
    public static RouteHandlerBuilder ProducesDashboardView(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
}
