using NmtPractice.TreatmentRecords.SessionNotes;
using NmtPractice.TreatmentRecords.SessionNotes.Sections;
using static NmtPractice.TreatmentRecords.Tests.SessionNoteExamples;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>
/// Every limit of a note's sections at its edge: the longest text and the longest list are taken as
/// they are, one more is refused naming exactly that field; blank goals are refused, and what is kept
/// is what was sent (goals in order, trigger-point kind and flags).
/// </summary>
public sealed class SectionLimitsTests
{
    private static string Text(int length) => new('a', length);

    /// <summary>The field a refused section names, or none when it was taken.</summary>
    private static string[] Refused(Func<object> write) => [.. ErrorsOf(write).Keys];

    private static string[] Subjective(string? complaint = "Neck pain", IReadOnlyList<string>? goals = null, IReadOnlyList<string>? regions = null) =>
        Refused(() => SessionNoteDecisions.RecordSubjective(Open(), new SubjectiveRequest(complaint, 5, regions ?? ["neck-posterior"], goals ?? []), Therapist));

    private static string[] Assessment(string? assessment = null, string? plan = null, string? homeCare = null) =>
        Refused(() => SessionNoteDecisions.RecordAssessmentAndPlan(Open(), new AssessmentAndPlanRequest(assessment, plan, 3, homeCare), Therapist));

    private static string[] Objective(string? posture = null, string? biomechanics = null, IReadOnlyList<TriggerPointRequest>? points = null) =>
        Refused(() => SessionNoteDecisions.RecordObjective(Open(), new ObjectiveRequest(posture, biomechanics, points ?? []), Therapist));

    private static TriggerPointRequest Point(string? kind = "active", bool? ischemia = null, bool? entrapment = null) =>
        new("upper-trapezius", null, "upper-trapezius-right", kind, null, ischemia, entrapment);

    [Fact]
    public void Texts_are_taken_up_to_their_limit_and_refused_one_character_over_naming_the_field()
    {
        Assert.Empty(Subjective(complaint: Text(2000)));
        Assert.Equal(["chiefComplaint"], Subjective(complaint: Text(2001)));
        Assert.Equal(["chiefComplaint"], Subjective(complaint: "  "));
        Assert.Empty(Subjective(goals: [Text(500)]));
        Assert.Equal(["goals[1]"], Subjective(goals: ["Sleep", Text(501)]));
        Assert.Empty(Assessment(Text(4000), Text(4000), Text(4000)));
        Assert.Equal(["assessment"], Assessment(assessment: Text(4001)));
        Assert.Equal(["plan"], Assessment(plan: Text(4001)));
        Assert.Equal(["homeCare"], Assessment(homeCare: Text(4001)));
        Assert.Empty(Objective(Text(4000), Text(4000)));
        Assert.Equal(["posture"], Objective(posture: Text(4001)));
        Assert.Equal(["biomechanics"], Objective(biomechanics: Text(4001)));
    }

    [Fact]
    public void Lists_are_taken_up_to_their_limit_and_refused_one_over()
    {
        Assert.Empty(Subjective(goals: [.. Enumerable.Range(1, 10).Select(i => $"Goal {i}")]));
        Assert.Equal(["goals"], Subjective(goals: [.. Enumerable.Range(1, 11).Select(i => $"Goal {i}")]));
        Assert.Empty(Objective(points: [.. Enumerable.Repeat(Point(), 100)]));
        Assert.Equal(["triggerPoints"], Objective(points: [.. Enumerable.Repeat(Point(), 101)]));
        var regions = Anatomy().Take(41).ToList();
        Assert.Empty(Subjective(regions: regions[..40]));
        Assert.Equal(["painRegions"], Subjective(regions: regions));
        Assert.Equal(["techniques"], Refused(() => SessionNoteDecisions.RecordTreatment(Open(), new TreatmentRequest([.. Enumerable.Repeat(Compression(), 51)]), 7, Therapist)));
        Assert.Empty(Refused(() => SessionNoteDecisions.RecordTreatment(Open(), new TreatmentRequest([.. Enumerable.Repeat(Compression(), 50)]), 7, Therapist)));
    }

    [Fact]
    public void A_blank_goal_is_refused_and_goals_are_kept_in_order()
    {
        Assert.Equal(["goals[1]"], Subjective(goals: ["Sleep", " "]));

        var note = Open();
        var recorded = SessionNoteDecisions.RecordSubjective(note, new SubjectiveRequest("Neck pain", 5, ["neck-posterior"], [" Sleep through ", "Drive"]), Therapist);

        Assert.Equal(["Sleep through", "Drive"], note.After(recorded).Subjective!.Goals);
    }

    [Fact]
    public void A_trigger_point_needs_its_kind_and_keeps_its_flags_as_sent()
    {
        Assert.Equal(["triggerPoints[0].kind"], Objective(points: [Point(kind: null)]));
        Assert.Equal(["triggerPoints[0]"], Objective(points: [null!]));

        var note = Open();
        var recorded = SessionNoteDecisions.RecordObjective(note, new ObjectiveRequest(null, null, [Point("latent", ischemia: true, entrapment: true), Point()]), Therapist);
        var points = note.After(recorded).Objective!.TriggerPoints;

        Assert.Equal([("latent", true, true), ("active", false, false)], points.Select(point => (point.Kind, point.Ischemia, point.NerveEntrapment)));
    }

    /// <summary>Body-region codes the sections accept, from the shared anatomy.</summary>
    private static IEnumerable<string> Anatomy() => NmtPractice.Contracts.Anatomy.BodyRegions.All.Select(region => region.Code);
}
