namespace NmtPractice.OutcomeReporting.Clinical;

/// <summary>One session in a client's course, with its change from the course's baseline.</summary>
/// <param name="Number">1 for the first session.</param>
/// <param name="SessionDate">The session's local day.</param>
/// <param name="LocationId">Where.</param>
/// <param name="TherapistId">By whom, when known.</param>
/// <param name="PainBefore">NPRS before.</param>
/// <param name="PainAfter">NPRS after.</param>
/// <param name="WithinSessionChange">Pain before minus pain after.</param>
/// <param name="ChangeFromBaseline">Baseline minus this session's pain before (the pain the client came back with).</param>
public sealed record CourseSession(
    int Number,
    DateOnly SessionDate,
    Guid LocationId,
    Guid? TherapistId,
    int PainBefore,
    int PainAfter,
    int WithinSessionChange,
    int ChangeFromBaseline);

/// <summary>
/// A client's course of care: every signed session in order. The baseline is the pain before the
/// first session. Improvement is judged on the pain the client reports <em>before</em> each later
/// session, that is, what lasted from the treatment before it; relief right after a session is
/// reported separately as the within-session change, and never counts as reaching the threshold.
/// </summary>
/// <param name="Baseline">Pain before the first session (null: no sessions).</param>
/// <param name="Sessions">The sessions, oldest first.</param>
/// <param name="ReachedAtSession">The first session whose pain before met the threshold (null: not yet).</param>
/// <param name="SessionsToReach">Sessions of treatment before it was reached: <c>ReachedAtSession - 1</c>.</param>
/// <param name="Evaluable">Whether the baseline leaves room for a meaningful drop at all.</param>
public sealed record CourseOfCare(
    int? Baseline,
    IReadOnlyList<CourseSession> Sessions,
    int? ReachedAtSession,
    int? SessionsToReach,
    bool Evaluable)
{
    public bool Reached => ReachedAtSession is not null;

    /// <summary>
    /// The course as it stood on <paramref name="until"/>, judged by <paramref name="threshold"/> from its
    /// milestones alone (for the dashboards, which need the judgement and not the sessions: the list is empty).
    /// </summary>
    public static CourseOfCare Judged(CourseMilestones milestones, DateOnly until, ImprovementThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        ArgumentNullException.ThrowIfNull(threshold);
        if (milestones.Baseline is not { } baseline)
        {
            return new CourseOfCare(null, [], null, null, Evaluable: false);
        }

        // The threshold is met by every pain score up to a cut-off: the first session meeting it is the milestone there.
        var cutoff = Enumerable.Range(0, 11).Where(score => threshold.IsMet(baseline, score)).DefaultIfEmpty(-1).Max();
        var reached = cutoff >= 0 && cutoff < milestones.FirstAtOrBelow.Count && milestones.FirstAtOrBelow[cutoff] is { } milestone && milestone.Date <= until
            ? milestone
            : null;
        return new CourseOfCare(baseline, [], reached?.Number, reached is null ? null : reached.Number - 1, Evaluable: threshold.IsMet(baseline, 0));
    }

    /// <summary>The course made of <paramref name="sessions"/> (any order), judged by <paramref name="threshold"/>.</summary>
    public static CourseOfCare Of(IEnumerable<SessionOutcome> sessions, ImprovementThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        var ordered = sessions.OrderBy(session => session.SessionDate).ThenBy(session => session.SignedAt).ThenBy(session => session.Id).ToList();
        if (ordered.Count == 0)
        {
            return new CourseOfCare(null, [], null, null, Evaluable: false);
        }

        var baseline = ordered[0].PainBefore;
        var course = ordered.Select((session, index) => new CourseSession(
            index + 1, session.SessionDate, session.LocationId, session.TherapistId, session.PainBefore, session.PainAfter,
            session.WithinSessionChange, baseline - session.PainBefore)).ToList();
        var reached = course.Skip(1).FirstOrDefault(session => threshold.IsMet(baseline, session.PainBefore));
        return new CourseOfCare(
            baseline,
            course,
            reached?.Number,
            reached is null ? null : reached.Number - 1,
            Evaluable: threshold.IsMet(baseline, 0));
    }
}
