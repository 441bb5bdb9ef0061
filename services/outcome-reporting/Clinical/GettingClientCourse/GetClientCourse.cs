using Microsoft.Extensions.Options;
using NmtPractice.ServiceDefaults.Audit;

namespace NmtPractice.OutcomeReporting.Clinical.GettingClientCourse;

/// <summary>A client's course of care: the pain trajectory across sessions and whether it reached the threshold.</summary>
/// <param name="ClientId">The client (an id only; names live in intake).</param>
/// <param name="Improvement">The threshold the course is judged by.</param>
/// <param name="Course">The sessions, oldest first, and the verdict: every location's where the client is known to the caller's, else the caller's locations'.</param>
/// <param name="Freshness">How current it is.</param>
public sealed record ClientCourseResponse(Guid ClientId, ImprovementThreshold Improvement, CourseOfCare Course, Freshness Freshness);

/// <summary>
/// <c>GET /api/outcomes/clinical/clients/{clientId}/course</c>: for the client's therapists and
/// managers: the whole course (every location, any duplicate registration merged into the client's)
/// where the client is registered, booked or treated at their locations, else the sessions at their
/// locations. Clinical data about one client, so every read is audited.
/// </summary>
internal static class GetClientCourseEndpoint
{
    internal static async Task<Ok<ClientCourseResponse>> Handle(
        Guid clientId,
        IQuerySession session,
        CurrentUser user,
        ClientReaches reaches,
        AuditLog audit,
        FreshnessReader freshness,
        IOptions<OutcomeReportingOptions> options,
        CancellationToken cancellationToken)
    {
        var current = await freshness.ReadAsync(session, [typeof(SessionOutcome)], cancellationToken);
        var reach = await reaches.ForAsync(clientId, cancellationToken);
        var related = reaches.IsRelated(reach);
        var ids = related ? reach.Ids.Append(clientId).Distinct().ToArray() : [clientId];
        var query = session.Query<SessionOutcome>().Where(outcome => ids.Contains(outcome.ClientId));
        if (!related)
        {
            var locations = user.Locations.ToArray();
            query = query.Where(outcome => locations.Contains(outcome.LocationId));
        }

        var sessions = await query.ToListAsync(cancellationToken);
        await audit.RecordReadAsync(new AuditEntry("read", "client-course", clientId.ToString(), null, clientId), cancellationToken);
        var threshold = options.Value.Improvement;
        return TypedResults.Ok(new ClientCourseResponse(
            clientId, threshold, CourseOfCare.Of(sessions, threshold),
            current));
    }
}
