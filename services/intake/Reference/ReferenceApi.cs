namespace NmtPractice.Intake.Reference;

/// <summary>What forms and reviewers need: the current questionnaire, the body-region vocabulary and the screening rules.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("Reference");

        // Clients read them too: they answer the questionnaire themselves in the portal.
        reference.MapGet("/questionnaire", GettingReference.GetReferenceEndpoints.Questionnaire).RequireRoles(NmtRoleSets.AllStaffAndTheClient)
            .WithName("GetQuestionnaire").WithSummary("The current intake questionnaire");

        reference.MapGet("/body-regions", GettingReference.GetReferenceEndpoints.BodyRegions).RequireRoles(NmtRoleSets.AllStaffAndTheClient)
            .WithName("GetBodyRegions").WithSummary("The body-region vocabulary");

        reference.MapGet("/screening-rules", GettingReference.GetReferenceEndpoints.ScreeningRules)
            .RequireRoles(NmtRoles.Therapist, NmtRoles.ClinicManager, NmtRoles.OperationsAdmin)
            .WithName("GetScreeningRules").WithSummary("The screening rule set in force, with its version and review");

        return app;
    }
}
