namespace NmtPractice.OutcomeReporting.Clinical;

/// <summary>The clinical outcomes dashboard's HTTP API.</summary>
public static class ClinicalApi
{
    /// <summary>Maps <c>/api/outcomes/clinical</c>.</summary>
    public static IEndpointRouteBuilder MapClinicalApi(this IEndpointRouteBuilder app)
    {
        var clinical = app.MapGroup($"{ServiceInfo.RoutePrefix}/clinical").WithTags("Clinical outcomes");

        clinical.MapGet("/", GettingClinicalOutcomes.GetClinicalOutcomesEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("GetClinicalOutcomes").WithSummary("Pain outcomes by location, therapist, month or technique (aggregates only; small groups suppressed); format=csv exports")
            .ProducesDashboardView();

        clinical.MapGet("/safety-flags", ListingSafetyFlags.ListSafetyFlagsEndpoint.Handle).RequireRoles(NmtRoles.ClinicManager)
            .WithName("ListSafetyFlags").WithSummary("The signed sessions with a safety flag, at your locations (ids only, audited), to open their notes")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        clinical.MapGet("/clients/{clientId:guid}/course", GettingClientCourse.GetClientCourseEndpoint.Handle).RequireRoles(NmtRoleSets.Clinicians)
            .WithName("GetClientCourse").WithSummary("A client's pain trajectory across sessions and whether it reached meaningful improvement (audited)")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }
}
