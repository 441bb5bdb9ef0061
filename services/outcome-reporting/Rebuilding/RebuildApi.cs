namespace NmtPractice.OutcomeReporting.Rebuilding;

/// <summary><c>/api/outcomes/rebuilds</c>: rebuild every read model from the event store, for operations admins.</summary>
public static class RebuildApi
{
    public static IEndpointRouteBuilder MapRebuildApi(this IEndpointRouteBuilder app)
    {
        var rebuilds = app.MapGroup($"{ServiceInfo.RoutePrefix}/rebuilds")
            .WithTags("Rebuild")
            .RequireRoles(NmtRoles.OperationsAdmin);

        rebuilds.MapPost("/", RebuildingReadModels.RebuildReadModelsEndpoints.Start)
            .WithName("StartRebuild")
            .WithSummary("Rebuild every read model from the stored events; poll the Location for progress")
            .ProducesProblem(StatusCodes.Status409Conflict);

        rebuilds.MapGet("/{id:guid}", RebuildingReadModels.RebuildReadModelsEndpoints.Get)
            .WithName("GetRebuild")
            .WithSummary("A rebuild's progress")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
