namespace NmtPractice.OutcomeReporting.Clinical.GettingClinicalOutcomes;

/// <summary>How the clinical outcomes view is grouped.</summary>
public enum ClinicalGrouping
{
    Location,
    Therapist,
    Month,
    Technique,
}

/// <summary>
/// Outcomes of one group (a location, therapist, month or technique). When the group has fewer
/// distinct clients than the minimum, every figure is null and <see cref="Suppressed"/> is true.
/// </summary>
/// <param name="Key">The location or therapist id, the month (<c>yyyy-MM</c>), the technique code, or <c>all</c>.</param>
/// <param name="Suppressed">Too few clients to show figures.</param>
/// <param name="Clients">Distinct clients with sessions in the group.</param>
/// <param name="Sessions">Signed sessions in the group.</param>
/// <param name="MeanPainBefore">Mean NPRS before.</param>
/// <param name="MeanPainAfter">Mean NPRS after.</param>
/// <param name="MeanWithinSessionChange">Mean of pain before minus pain after.</param>
/// <param name="SafetyFlags">Techniques above the discomfort threshold.</param>
/// <param name="Courses">Courses of care with a session in the group whose baseline allows a meaningful drop.</param>
/// <param name="CoursesReachingImprovement">Of those, courses that reached clinically meaningful improvement by the end of the range.</param>
/// <param name="ShareReachingImprovement">Their share (0-1).</param>
/// <param name="MeanSessionsToReach">Mean sessions of treatment those courses needed.</param>
public sealed record ClinicalOutcomeRow(
    string Key,
    bool Suppressed,
    int? Clients,
    int? Sessions,
    double? MeanPainBefore,
    double? MeanPainAfter,
    double? MeanWithinSessionChange,
    int? SafetyFlags,
    int? Courses,
    int? CoursesReachingImprovement,
    double? ShareReachingImprovement,
    double? MeanSessionsToReach);

/// <summary>Pure aggregation of sessions and their clients' courses into <see cref="ClinicalOutcomeRow"/>s.</summary>
public static class ClinicalOutcomes
{
    /// <summary>Groups <paramref name="sessions"/> (those in the range and filters) and judges each client's course from <paramref name="courses"/>.</summary>
    public static IReadOnlyList<ClinicalOutcomeRow> Rows(
        IReadOnlyList<SessionOutcome> sessions,
        IReadOnlyDictionary<Guid, CourseOfCare> courses,
        ClinicalGrouping by,
        int minimumClients)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return by == ClinicalGrouping.Technique
            ? [.. sessions
                .SelectMany(session => session.Techniques.Select(use => use.Kind).Distinct().Select(kind => (Key: kind, Session: session)))
                .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => Row(group.Key, [.. group.Select(pair => pair.Session)], courses, minimumClients,
                    safetyFlags: session => session.Techniques.Count(use => use.Kind == group.Key && use.SafetyFlag)))]
            : [.. sessions
                .GroupBy(session => KeyOf(session, by), StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => Row(group.Key, [.. group], courses, minimumClients, session => session.SafetyFlags))];
    }

    /// <summary>All sessions in the range and filters as one row.</summary>
    public static ClinicalOutcomeRow Total(IReadOnlyList<SessionOutcome> sessions, IReadOnlyDictionary<Guid, CourseOfCare> courses, int minimumClients) =>
        Row("all", sessions, courses, minimumClients, session => session.SafetyFlags);

    private static string KeyOf(SessionOutcome session, ClinicalGrouping by) => by switch
    {
        ClinicalGrouping.Location => session.LocationId.ToString(),
        ClinicalGrouping.Therapist => session.TherapistId?.ToString() ?? "unknown",
        _ => session.SessionDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static ClinicalOutcomeRow Row(
        string key,
        IReadOnlyList<SessionOutcome> sessions,
        IReadOnlyDictionary<Guid, CourseOfCare> courses,
        int minimumClients,
        Func<SessionOutcome, int> safetyFlags)
    {
        var clients = sessions.Select(session => session.ClientId).Distinct().ToList();
        if (clients.Count < minimumClients)
        {
            return new ClinicalOutcomeRow(key, Suppressed: true, null, null, null, null, null, null, null, null, null, null);
        }

        var evaluable = clients.Select(client => courses[client]).Where(course => course.Evaluable).ToList();
        var reaching = evaluable.Where(course => course.Reached).ToList();
        return new ClinicalOutcomeRow(
            key,
            Suppressed: false,
            clients.Count,
            sessions.Count,
            Mean(sessions.Select(session => (double)session.PainBefore)),
            Mean(sessions.Select(session => (double)session.PainAfter)),
            Mean(sessions.Select(session => (double)session.WithinSessionChange)),
            sessions.Sum(safetyFlags),
            evaluable.Count,
            reaching.Count,
            evaluable.Count == 0 ? null : Math.Round((double)reaching.Count / evaluable.Count, 4, MidpointRounding.AwayFromZero),
            Mean(reaching.Select(course => (double)course.SessionsToReach!.Value)));
    }

    private static double? Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 2, MidpointRounding.AwayFromZero);
    }
}
