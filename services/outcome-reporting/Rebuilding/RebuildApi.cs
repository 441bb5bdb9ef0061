using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.OutcomeReporting.Rebuilding;

/// <summary><c>/api/outcomes/rebuilds</c>: rebuild every read model from the event store, for operations admins.</summary>
public static class RebuildApi
{
    public static IEndpointRouteBuilder MapRebuildApi(this IEndpointRouteBuilder app)
    {
        var rebuilds = app.MapGroup($"{ServiceInfo.RoutePrefix}/rebuilds")
            .WithTags("Rebuild")
            .RequireRoles(NmtRoles.OperationsAdmin);

        rebuilds.MapPost("/", StartAsync)
            .WithName("StartRebuild")
            .WithSummary("Rebuild every read model from the stored events; poll the Location for progress")
            .ProducesProblem(StatusCodes.Status409Conflict);

        rebuilds.MapGet("/{id:guid}", GetAsync)
            .WithName("GetRebuild")
            .WithSummary("A rebuild's progress")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<Accepted<RebuildStatus>> StartAsync(ReadModelRebuilder rebuilder, CancellationToken cancellationToken)
    {
        var status = await rebuilder.StartAsync(cancellationToken)
            ?? throw new ConflictException("Rebuild running", "A rebuild is already running; follow its progress instead.");
        return TypedResults.Accepted($"{ServiceInfo.RoutePrefix}/rebuilds/{status.Id}", status);
    }

    private static async Task<Ok<RebuildStatus>> GetAsync(Guid id, ReadModelRebuilder rebuilder, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rebuilder.StatusAsync(id, cancellationToken)
            ?? throw new NotFoundException("No such rebuild", "No rebuild with this id has run since the service started."));
}
