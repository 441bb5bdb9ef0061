using NmtPractice.ServiceDefaults.Audit;

namespace NmtPractice.OutcomeReporting.Clinical.ListingSafetyFlags;

/// <summary>A signed session with a safety flag: which one, where, when and which techniques raised it (ids and codes only).</summary>
/// <param name="SessionId">The session note's id (open it in treatment records).</param>
/// <param name="LocationId">Where it took place.</param>
/// <param name="TherapistId">The therapist, when the session came from an appointment.</param>
/// <param name="SessionDate">Its local day.</param>
/// <param name="SafetyFlags">How many techniques went above the discomfort threshold.</param>
/// <param name="FlaggedTechniques">The kinds of those techniques.</param>
public sealed record FlaggedSession(Guid SessionId, Guid LocationId, Guid? TherapistId, DateOnly SessionDate, int SafetyFlags, IReadOnlyList<string> FlaggedTechniques);

/// <summary>The sessions behind the safety flags of a range, and how current the list is.</summary>
public sealed record SafetyFlagsResponse(DateOnly From, DateOnly To, IReadOnlyList<FlaggedSession> Sessions, Freshness Freshness);

/// <summary>
/// <c>GET /api/outcomes/clinical/safety-flags?from&amp;to&amp;locationId&amp;therapistId</c>: the sessions behind
/// a dashboard's safety-flag count, newest first, so that a clinic manager can open the notes. It points
/// at individual sessions, so only managers of the locations see it, and every listing is audited.
/// </summary>
internal static class ListSafetyFlagsEndpoint
{
    internal const int Limit = 200;

    internal static async Task<Ok<SafetyFlagsResponse>> Handle(
        DateOnly? from, DateOnly? to, Guid[]? locationId, Guid[]? therapistId, IQuerySession session, CurrentUser user, AuditLog audit,
        FreshnessReader freshness, CancellationToken cancellationToken)
    {
        var filter = DashboardFilter.Create(from, to, locationId, therapistId, user);
        var current = await freshness.ReadAsync(session, [typeof(SessionOutcome)], cancellationToken);
        var query = session.Query<SessionOutcome>().Where(outcome => outcome.SessionDate >= filter.From && outcome.SessionDate <= filter.To && outcome.SafetyFlags > 0);
        if (filter.Locations is not null)
        {
            var locations = filter.LocationArray;
            query = query.Where(outcome => locations.Contains(outcome.LocationId));
        }

        var flagged = (await query.OrderByDescending(outcome => outcome.SessionDate).Take(Limit).ToListAsync(cancellationToken))
            .Where(outcome => filter.IncludesTherapist(outcome.TherapistId))
            .Select(outcome => new FlaggedSession(
                outcome.Id, outcome.LocationId, outcome.TherapistId, outcome.SessionDate, outcome.SafetyFlags,
                [.. outcome.Techniques.Where(technique => technique.SafetyFlag).Select(technique => technique.Kind).Distinct(StringComparer.Ordinal)]))
            .ToList();
        await audit.RecordReadAsync(new AuditEntry("list", "safety-flags", $"{filter.From:yyyy-MM-dd}..{filter.To:yyyy-MM-dd}", filter.Locations?.Count == 1 ? filter.Locations.First() : null, null), cancellationToken);
        return TypedResults.Ok(new SafetyFlagsResponse(filter.From, filter.To, flagged, current));
    }
}
