namespace NmtPractice.Scheduling.Practice.Locations.GettingLocations;

/// <summary><c>GET /api/scheduling/locations</c> and <c>GET .../locations/{id}</c> (with its ETag): every member of staff reads the chain's locations.</summary>
internal static class GetLocationsEndpoints
{
    internal static async Task<Ok<IReadOnlyList<LocationResponse>>> ListAsync(IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<LocationResponse>>(
            [.. (await session.Query<Location>().OrderBy(l => l.Name).ToListAsync(cancellationToken)).Select(location => LocationResponse.From(location, location.Version))]);

    internal static async Task<Ok<LocationResponse>> GetAsync(Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var location = await session.LoadAsync<Location>(id, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        response.SetETag(location.Version);
        return TypedResults.Ok(LocationResponse.From(location, location.Version));
    }
}
