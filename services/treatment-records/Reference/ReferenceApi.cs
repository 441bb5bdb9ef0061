using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Security;
using NmtPractice.TreatmentRecords.Reference.GettingReference;

namespace NmtPractice.TreatmentRecords.Reference;

/// <summary>What note forms need: the muscle list and the technique kinds with their parameters.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("Reference");

        reference.MapGet("/muscles", GetReferenceEndpoints.Muscles).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetMuscles").WithSummary("The muscle list trigger points and techniques are recorded against");

        reference.MapGet("/techniques", GetReferenceEndpoints.Techniques)
            .RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetTechniques").WithSummary("The NMT techniques a note records, with the parameters of each");

        return app;
    }
}
