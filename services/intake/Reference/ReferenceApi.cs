namespace NmtPractice.Intake.Reference;

/// <summary>What forms and reviewers need: the current questionnaire, the body-region vocabulary and the screening rules.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("Reference");

        reference.MapGet("/questionnaire", GettingReference.GetReferenceEndpoints.Questionnaire).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetQuestionnaire").WithSummary("The current intake questionnaire");

        reference.MapGet("/body-regions", GettingReference.GetReferenceEndpoints.BodyRegions).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetBodyRegions").WithSummary("The body-region vocabulary");

        reference.MapGet("/screening-rules", GettingReference.GetReferenceEndpoints.ScreeningRules)
            .RequireRoles(NmtRoles.Therapist, NmtRoles.ClinicManager, NmtRoles.OperationsAdmin)
            .WithName("GetScreeningRules").WithSummary("The screening rule set in force, with its version and review");

        return app;
    }
}
