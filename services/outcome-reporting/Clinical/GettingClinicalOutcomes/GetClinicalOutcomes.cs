using Microsoft.Extensions.Options;

namespace NmtPractice.OutcomeReporting.Clinical.GettingClinicalOutcomes;

/// <summary>The clinical outcomes view.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="By">location, therapist, month or technique.</param>
/// <param name="Improvement">The threshold courses were judged by.</param>
/// <param name="MinimumGroupClients">Groups with fewer clients show no figures.</param>
/// <param name="Rows">One row per group.</param>
/// <param name="Total">Every session in the range and filters.</param>
/// <param name="Freshness">How current the view is.</param>
public sealed record ClinicalOutcomesResponse(
    DateOnly From,
    DateOnly To,
    string By,
    ImprovementThreshold Improvement,
    int MinimumGroupClients,
    IReadOnlyList<ClinicalOutcomeRow> Rows,
    ClinicalOutcomeRow Total,
    Freshness Freshness);

/// <summary><c>GET /api/outcomes/clinical?from&amp;to&amp;locationId&amp;therapistId&amp;by&amp;format</c>.</summary>
internal static class GetClinicalOutcomesEndpoint
{
    internal static async Task<Results<Ok<ClinicalOutcomesResponse>, FileContentHttpResult>> Handle(
        DateOnly? from,
        DateOnly? to,
        Guid[]? locationId,
        Guid[]? therapistId,
        string? by,
        string? format,
        IQuerySession session,
        CurrentUser user,
        FreshnessReader freshness,
        IOptions<OutcomeReportingOptions> options,
        CancellationToken cancellationToken)
    {
        var grouping = ParseGrouping(by);
        var csv = Csv.Wanted(format);
        var filter = DashboardFilter.Create(from, to, locationId, therapistId, user);
        var settings = options.Value;

        // Read before the data, so the view never claims to be more current than what it shows.
        var current = await freshness.ReadAsync(session, [typeof(SessionOutcome), typeof(ClientHistory)], cancellationToken);
        var sessions = await SessionsAsync(session, filter, cancellationToken);
        var courses = await CoursesAsync(session, sessions, filter.To, settings.Improvement, cancellationToken);
        var rows = ClinicalOutcomes.Rows(sessions, courses, grouping, settings.MinimumGroupClients);
        var total = ClinicalOutcomes.Total(sessions, courses, settings.MinimumGroupClients);

        if (csv)
        {
            return Csv.File(rows.Append(total), $"clinical-outcomes-by-{grouping.ToString().ToLowerInvariant()}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}");
        }

        return TypedResults.Ok(new ClinicalOutcomesResponse(
            filter.From, filter.To, grouping.ToString().ToLowerInvariant(), settings.Improvement, settings.MinimumGroupClients,
            rows, total, current));
    }

    private static ClinicalGrouping ParseGrouping(string? by) => by?.ToLowerInvariant() switch
    {
        null or "" or "location" => ClinicalGrouping.Location,
        "therapist" => ClinicalGrouping.Therapist,
        "month" => ClinicalGrouping.Month,
        "technique" => ClinicalGrouping.Technique,
        _ => throw new RequestValidationException("by", "One of location, therapist, month, technique."),
    };

    private static async Task<IReadOnlyList<SessionOutcome>> SessionsAsync(IQuerySession session, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var query = session.Query<SessionOutcome>().Where(outcome => outcome.SessionDate >= filter.From && outcome.SessionDate <= filter.To);
        if (filter.Locations is not null)
        {
            var locations = filter.LocationArray;
            query = query.Where(outcome => locations.Contains(outcome.LocationId));
        }

        var sessions = await query.ToListAsync(cancellationToken);
        return [.. sessions.Where(outcome => filter.IncludesTherapist(outcome.TherapistId))];
    }

    /// <summary>
    /// Each client's course as it stood at the end of the range, wherever the sessions were, judged from
    /// the client's history summary (one small document per client, whatever the length of the history).
    /// </summary>
    private static async Task<IReadOnlyDictionary<Guid, CourseOfCare>> CoursesAsync(
        IQuerySession session, IReadOnlyList<SessionOutcome> sessions, DateOnly until, ImprovementThreshold threshold, CancellationToken cancellationToken)
    {
        var clients = sessions.Select(outcome => outcome.ClientId).Distinct().ToArray();
        if (clients.Length == 0)
        {
            return new Dictionary<Guid, CourseOfCare>();
        }

        var milestones = await session.Query<ClientHistory>()
            .Where(history => clients.Contains(history.Id))
            .Select(history => new { history.Id, history.Course })
            .ToListAsync(cancellationToken);
        var courses = milestones.ToDictionary(client => client.Id, client => CourseOfCare.Judged(client.Course, until, threshold));

        // A session's client always has a history once both read models have taken in its event; until
        // then (the read models advance independently) the client's course is judged from no sessions.
        foreach (var client in clients.Where(client => !courses.ContainsKey(client)))
        {
            courses[client] = CourseOfCare.Judged(CourseMilestones.None, until, threshold);
        }

        return courses;
    }
}
