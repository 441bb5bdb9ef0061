namespace NmtPractice.TreatmentRecords.Reference;

/// <summary>What note forms need, for every member of staff: the muscle list and the technique kinds with their parameters.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("Reference").RequireRoles(NmtRoleSets.AllStaff);
        reference.MapGet("/muscles", GettingReference.GetReferenceEndpoints.Muscles)
            .WithName("GetMuscles").WithSummary("The muscle list trigger points and techniques are recorded against");
        reference.MapGet("/techniques", GettingReference.GetReferenceEndpoints.Techniques)
            .WithName("GetTechniques").WithSummary("The NMT techniques a note records, with the parameters of each");
        return app;
    }
}
