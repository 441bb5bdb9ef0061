using NmtPractice.OutcomeReporting.Clinical;
using NmtPractice.OutcomeReporting.Clinical.SessionOutcomes;
using NmtPractice.OutcomeReporting.Dashboards;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>The course-of-care rule, with hand-worked figures.</summary>
public sealed class CourseOfCareTests
{
    private static readonly ImprovementThreshold Default = new();

    [Theory]
    [InlineData(6, 4, true)]    // 2 points, 33%
    [InlineData(8, 6, false)]   // 2 points but 25%
    [InlineData(10, 7, true)]   // 3 points, exactly 30%
    [InlineData(10, 8, false)]  // 20%
    [InlineData(3, 2, false)]   // 33% but 1 point
    [InlineData(5, 3, true)]    // 2 points, 40%
    [InlineData(2, 0, true)]    // 2 points, 100%
    [InlineData(5, 6, false)]   // worse
    public void The_default_threshold_is_two_points_and_thirty_percent(int baseline, int now, bool met) =>
        Assert.Equal(met, Default.IsMet(baseline, now));

    [Fact]
    public void Thresholds_are_configurable()
    {
        var minimal = new ImprovementThreshold { MinimumPoints = 1, MinimumPercent = 15 };

        Assert.True(minimal.IsMet(6, 5));
        Assert.False(Default.IsMet(6, 5));
    }

    [Fact]
    public void Improvement_is_judged_on_the_pain_the_client_comes_back_with()
    {
        var client = Guid.CreateVersion7();
        // Session 1: baseline 8, relief to 3 right after (that is within-session change, not the course).
        // Session 2: comes back at 7 (1 point). Session 3: comes back at 5 (3 points, 37.5%): reached after 2 sessions of treatment.
        var course = CourseOfCare.Of(
        [
            Session(client, new DateOnly(2027, 1, 20), before: 5, after: 3),
            Session(client, new DateOnly(2027, 1, 6), before: 8, after: 3),
            Session(client, new DateOnly(2027, 1, 13), before: 7, after: 4),
        ], Default);

        Assert.Equal(8, course.Baseline);
        Assert.Equal([5, 3, 2], course.Sessions.Select(session => session.WithinSessionChange));
        Assert.Equal([0, 1, 3], course.Sessions.Select(session => session.ChangeFromBaseline));
        Assert.Equal(3, course.ReachedAtSession);
        Assert.Equal(2, course.SessionsToReach);
        Assert.True(course.Evaluable);
    }

    [Fact]
    public void A_single_session_never_reaches_it_however_large_the_relief()
    {
        var course = CourseOfCare.Of([Session(Guid.CreateVersion7(), new DateOnly(2027, 1, 6), before: 9, after: 1)], Default);

        Assert.False(course.Reached);
        Assert.Null(course.SessionsToReach);
    }

    [Fact]
    public void A_baseline_too_low_for_a_meaningful_drop_is_not_evaluable()
    {
        var client = Guid.CreateVersion7();
        var course = CourseOfCare.Of(
            [Session(client, new DateOnly(2027, 1, 6), before: 1, after: 0), Session(client, new DateOnly(2027, 1, 13), before: 0, after: 0)], Default);

        Assert.False(course.Evaluable);
        Assert.False(course.Reached);
    }

    /// <summary>
    /// The dashboards judge a course from its milestones (one small summary per client) instead of its
    /// sessions: for random courses, end dates and thresholds, both judgements agree.
    /// </summary>
    [Fact]
    public void Judging_from_the_milestones_agrees_with_judging_from_every_session()
    {
        var random = new Random(20261130);
        for (var trial = 0; trial < 2000; trial++)
        {
            var client = Guid.CreateVersion7();
            var start = new DateOnly(2026, 1, 1);
            var sessions = Enumerable.Range(0, random.Next(0, 12))
                .Select(_ => Session(client, start.AddDays(random.Next(0, 60)), before: random.Next(0, 11), after: random.Next(0, 11)))
                .ToList();
            var until = start.AddDays(random.Next(0, 70));
            var threshold = new ImprovementThreshold { MinimumPoints = random.Next(1, 4), MinimumPercent = random.Next(10, 60) };
            var kept = sessions
                .OrderBy(session => session.SessionDate).ThenBy(session => session.SignedAt).ThenBy(session => session.Id)
                .Select(session => new ClientSession(session.Id, session.SessionDate, session.SignedAt, session.PainBefore, session.FiguresAsOf))
                .ToList();

            // The dashboard asks about clients with a session in the range, so the first session is never after its end.
            if (kept.Count > 0 && kept[0].Date > until)
            {
                continue;
            }

            var expected = CourseOfCare.Of(sessions.Where(session => session.SessionDate <= until), threshold);
            var judged = CourseOfCare.Judged(CourseMilestones.Of(kept), until, threshold);

            Assert.Equal(expected.Baseline, judged.Baseline);
            Assert.Equal(expected.Evaluable, judged.Evaluable);
            Assert.Equal(expected.ReachedAtSession, judged.ReachedAtSession);
            Assert.Equal(expected.SessionsToReach, judged.SessionsToReach);
        }
    }

    [Fact]
    public void Sessions_on_the_same_day_are_in_the_order_they_were_signed()
    {
        var client = Guid.CreateVersion7();
        var day = new DateOnly(2027, 1, 6);
        var morning = Session(client, day, before: 8, after: 6) with { SignedAt = new DateTimeOffset(2027, 1, 6, 10, 0, 0, TimeSpan.Zero) };
        var afternoon = Session(client, day, before: 5, after: 4) with { SignedAt = new DateTimeOffset(2027, 1, 6, 15, 0, 0, TimeSpan.Zero) };

        var course = CourseOfCare.Of([afternoon, morning], Default);

        Assert.Equal(8, course.Baseline);
        Assert.Equal([8, 5], course.Sessions.Select(session => session.PainBefore));
        Assert.Equal(2, course.ReachedAtSession);
    }

    [Fact]
    public void The_milestones_hold_for_every_score_the_first_later_session_at_or_below_it()
    {
        var day = new DateOnly(2027, 1, 6);
        ClientSession At(int week, int painBefore) => new(Guid.CreateVersion7(), day.AddDays(7 * week), DateTimeOffset.UnixEpoch, painBefore, DateTimeOffset.UnixEpoch);

        var milestones = CourseMilestones.Of([At(0, 8), At(1, 10), At(2, 3)]);

        Assert.Equal(8, milestones.Baseline);
        Assert.Equal(
            [null, null, null, 3, 3, 3, 3, 3, 3, 3, 2],
            milestones.FirstAtOrBelow.Select(milestone => milestone?.Number));
        Assert.Equal(day.AddDays(7), milestones.FirstAtOrBelow[10]!.Date);
        Assert.Same(CourseMilestones.None, CourseMilestones.Of([]));
    }

    [Fact]
    public void Milestones_that_stop_short_of_the_cut_off_have_not_reached_it()
    {
        // A baseline of 2 meets the default threshold only at 0; no score is recorded at all.
        var course = CourseOfCare.Judged(new CourseMilestones(2, []), new DateOnly(2027, 12, 31), Default);

        Assert.Equal((2, false, true), (course.Baseline, course.Reached, course.Evaluable));
    }

    [Fact]
    public void The_course_rules_refuse_missing_arguments_by_name()
    {
        Assert.Equal("threshold", Assert.Throws<ArgumentNullException>(() => CourseOfCare.Of([], null!)).ParamName);
        Assert.Equal("milestones", Assert.Throws<ArgumentNullException>(() => CourseOfCare.Judged(null!, new DateOnly(2027, 1, 1), Default)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentNullException>(() => CourseOfCare.Judged(CourseMilestones.None, new DateOnly(2027, 1, 1), null!)).ParamName);
        Assert.Equal("ordered", Assert.Throws<ArgumentNullException>(() => CourseMilestones.Of(null!)).ParamName);
    }

    internal static SessionOutcome Session(Guid client, DateOnly date, int before, int after, Guid? location = null, Guid? therapist = null, params TechniqueUse[] techniques) => new(
        Guid.CreateVersion7(), client, location ?? Guid.Empty, therapist, date, new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
        before, after, techniques, 0, techniques.Count(use => use.SafetyFlag), 0, DateTimeOffset.UnixEpoch);
}
