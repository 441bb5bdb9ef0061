namespace NmtPractice.Scheduling.Practice.Therapists.GettingTherapists;

/// <summary><c>GET /api/scheduling/therapists[?locationId]</c> and <c>GET .../therapists/{id}</c> (with its ETag).</summary>
internal static class GetTherapistsEndpoints
{
    internal static async Task<Ok<IReadOnlyList<TherapistResponse>>> ListAsync(Guid? locationId, IQuerySession session, CancellationToken cancellationToken)
    {
        var all = await session.Query<Therapist>().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TherapistResponse>>(
            [.. all.Where(t => locationId is not { } location || t.LocationIds.Contains(location)).Select(t => TherapistResponse.From(t, t.Version))]);
    }

    internal static async Task<Ok<TherapistResponse>> GetAsync(Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var therapist = await session.LoadAsync<Therapist>(id, cancellationToken) ?? throw PracticeRoles.NotFound("Therapist");
        response.SetETag(therapist.Version);
        return TypedResults.Ok(TherapistResponse.From(therapist, therapist.Version));
    }
}
