namespace NmtPractice.Scheduling.Practice.Services.ListingServices;

/// <summary><c>GET /api/scheduling/services</c>: the bookable services, by code.</summary>
internal static class ListServicesEndpoint
{
    internal static async Task<Ok<IReadOnlyList<ServiceResponse>>> Handle(IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ServiceResponse>>(
            [.. (await session.Query<ServiceDefinition>().OrderBy(s => s.Code).ToListAsync(cancellationToken)).Select(service => ServiceResponse.From(service))]);
}
