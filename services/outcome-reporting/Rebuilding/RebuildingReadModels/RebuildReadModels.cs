namespace NmtPractice.OutcomeReporting.Rebuilding.RebuildingReadModels;

/// <summary><c>/api/outcomes/rebuilds</c>: start a rebuild of every read model, and follow its progress.</summary>
internal static class RebuildReadModelsEndpoints
{
    /// <summary><c>POST /api/outcomes/rebuilds</c>: 202 with the rebuild's status and where to poll it; 409 while one is running.</summary>
    internal static async Task<Accepted<RebuildStatus>> Start(ReadModelRebuilder rebuilder, CancellationToken cancellationToken)
    {
        var status = await rebuilder.StartAsync(cancellationToken)
            ?? throw new ConflictException("Rebuild running", "A rebuild is already running; follow its progress instead.");
        return TypedResults.Accepted($"{ServiceInfo.RoutePrefix}/rebuilds/{status.Id}", status);
    }

    /// <summary><c>GET /api/outcomes/rebuilds/{id}</c>: a rebuild's progress; 404 when no such rebuild has run since the service started.</summary>
    internal static async Task<Ok<RebuildStatus>> Get(Guid id, ReadModelRebuilder rebuilder, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rebuilder.StatusAsync(id, cancellationToken)
            ?? throw new NotFoundException("No such rebuild", "No rebuild with this id has run since the service started."));
}
