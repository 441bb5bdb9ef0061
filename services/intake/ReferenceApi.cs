using NmtPractice.Contracts.Anatomy;
using NmtPractice.Contracts.Security;
using NmtPractice.Intake.Questionnaires;
using NmtPractice.Intake.Screening;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Intake;

/// <summary>What forms and reviewers need: the current questionnaire, the body-region vocabulary and the screening rules.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("Reference");

        reference.MapGet("/questionnaire", () => TypedResults.Ok(Questionnaire.Current)).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetQuestionnaire").WithSummary("The current intake questionnaire");

        reference.MapGet("/body-regions", () => TypedResults.Ok(BodyRegions.All)).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetBodyRegions").WithSummary("The body-region vocabulary");

        reference.MapGet("/screening-rules", () => TypedResults.Ok(RuleSet.Current))
            .RequireRoles(NmtRoles.Therapist, NmtRoles.ClinicManager, NmtRoles.OperationsAdmin)
            .WithName("GetScreeningRules").WithSummary("The screening rule set in force, with its version and review");

        return app;
    }
}
