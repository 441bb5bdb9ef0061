using NmtPractice.Contracts.Anatomy;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Security;
using NmtPractice.TreatmentRecords.SessionNotes.Sections;

namespace NmtPractice.TreatmentRecords.Reference;

/// <summary>What note forms need: the muscle list and the technique kinds with their parameters.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("Reference");

        reference.MapGet("/muscles", () => TypedResults.Ok(Muscles.All)).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetMuscles").WithSummary("The muscle list trigger points and techniques are recorded against");

        reference.MapGet("/techniques", () => TypedResults.Ok(new TechniqueCatalogue(TechniqueKinds.All, TechniqueKinds.Pressures)))
            .RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetTechniques").WithSummary("The NMT techniques a note records, with the parameters of each");

        return app;
    }
}

/// <summary>The technique kinds and the pressure levels.</summary>
public sealed record TechniqueCatalogue(IReadOnlyList<TechniqueKind> Kinds, IReadOnlyList<string> Pressures);
