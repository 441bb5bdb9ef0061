namespace NmtPractice.OutcomeReporting.Clinical;

/// <summary>
/// The course of care reduced to what judging it needs, for any improvement threshold: the baseline
/// (pain before the first session) and, for each pain score 0-10, the first later session whose pain
/// before was at most that score. A threshold is met by exactly the scores up to some cut-off, so the
/// first session meeting it is the milestone at that cut-off.
/// </summary>
/// <param name="Baseline">Pain before the first session (null: no sessions).</param>
/// <param name="FirstAtOrBelow">Index = pain score; the first session after the first with pain before at most it, or null.</param>
public sealed record CourseMilestones(int? Baseline, IReadOnlyList<CourseMilestone?> FirstAtOrBelow)
{
    public static CourseMilestones None { get; } = new(null, []);

    /// <summary>The milestones of sessions in course order (date, signing time, id).</summary>
    public static CourseMilestones Of(IReadOnlyList<ClientSession> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        if (ordered.Count == 0)
        {
            return None;
        }

        var firsts = new CourseMilestone?[11];
        for (var index = 1; index < ordered.Count; index++)
        {
            for (var score = Math.Clamp(ordered[index].PainBefore, 0, 10); score <= 10 && firsts[score] is null; score++)
            {
                firsts[score] = new CourseMilestone(index + 1, ordered[index].Date);
            }
        }

        return new CourseMilestones(ordered[0].PainBefore, firsts);
    }
}

/// <summary>A session of the course: its number (1 = the first) and date.</summary>
public sealed record CourseMilestone(int Number, DateOnly Date);
