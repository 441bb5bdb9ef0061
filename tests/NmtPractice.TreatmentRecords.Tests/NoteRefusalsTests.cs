using NmtPractice.Contracts.Intake;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.TreatmentRecords.SessionNotes;
using NmtPractice.TreatmentRecords.SessionNotes.Sections;
using static NmtPractice.TreatmentRecords.Tests.SessionNoteExamples;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>
/// What a refused note tells the therapist: every bad value names its field (by its JSON path, with
/// the section's prefix in an amendment) and says what the field needs, exactly as the web app shows
/// it; every refused state change gives a stable reason code and an explanation. Nothing is recorded
/// when a request is refused (the deciders throw before returning an event).
/// </summary>
public sealed class NoteRefusalsTests
{
    private const string RegionHint = "(GET /api/intake/body-regions)";
    private const string MuscleHint = "(GET /api/treatments/muscles)";

    /// <summary>The refusal as "field: message" lines, in field order.</summary>
    private static string[] Refusal(Func<object> write)
    {
        var errors = ErrorsOf(write);
        Assert.NotEmpty(errors);
        return [.. errors.OrderBy(pair => pair.Key, StringComparer.Ordinal).SelectMany(pair => pair.Value.Select(message => $"{pair.Key}: {message}"))];
    }

    private static Func<object> Subjective(SubjectiveRequest request) => () => SessionNoteDecisions.RecordSubjective(Open(), request, Therapist);

    private static Func<object> Objective(params TriggerPointRequest?[] points) =>
        () => SessionNoteDecisions.RecordObjective(Open(), new ObjectiveRequest(null, null, points!), Therapist);

    private static Func<object> Treatment(TechniqueRequest technique, string[]? avoid = null) =>
        () => SessionNoteDecisions.RecordTreatment(Open(avoid), new TreatmentRequest([technique]), 7, Therapist);

    private static SubjectiveRequest Complaint(int? painBefore = 5, IReadOnlyList<string>? regions = null, IReadOnlyList<string>? goals = null) =>
        new("Neck pain", painBefore, regions ?? ["neck-posterior"], goals ?? []);

    private static TriggerPointRequest Point(string? muscle = "upper-trapezius", string? side = null, string? region = "upper-trapezius-right", string? kind = "active") =>
        new(muscle, side, region, kind, null, null, null);

    private static TechniqueRequest Prolonged() => Compression() with { Kind = TechniqueKinds.ProlongedIschemicCompression, Cycles = null, HoldSeconds = null, Releases = 3, SecondsEach = 90 };

    private static TechniqueRequest Stripping() => Compression() with { Kind = TechniqueKinds.MuscleStripping, Cycles = null, HoldSeconds = null, Strokes = 10, Direction = "origin-to-insertion" };

    private static TechniqueRequest SkinRolling() => Compression() with { Kind = TechniqueKinds.SkinRolling, Muscle = null, Cycles = null, HoldSeconds = null };

    private static SessionNote Signed()
    {
        var note = Complete();
        return note.After(SessionNoteDecisions.Sign(note, Therapist));
    }

    [Fact]
    public void The_subjective_section_names_each_bad_field_and_what_it_needs()
    {
        Assert.Equal(["chiefComplaint: Required.", "painBefore: Required."], Refusal(Subjective(new SubjectiveRequest(" ", null, [], []))));
        Assert.Equal(["painBefore: Must be between 0 and 10."], Refusal(Subjective(Complaint(painBefore: 11))));
        Assert.Equal(["painBefore: Must be between 0 and 10."], Refusal(Subjective(Complaint(painBefore: -1))));
        Assert.Equal(["chiefComplaint: At most 2000 characters."], Refusal(Subjective(Complaint() with { ChiefComplaint = new string('a', 2001) })));
        Assert.Equal(["goals: At most 10 goals."], Refusal(Subjective(Complaint(goals: [.. Enumerable.Range(1, 11).Select(i => $"Goal {i}")]))));
        Assert.Equal(["goals[0]: A goal cannot be blank."], Refusal(Subjective(Complaint(goals: [" "]))));
        Assert.Equal(["painRegions: At most 40 regions."], Refusal(Subjective(Complaint(regions: [.. NmtPractice.Contracts.Anatomy.BodyRegions.All.Take(41).Select(region => region.Code)]))));
        Assert.Equal([$"painRegions[1]: Required: a body-region code {RegionHint}."], Refusal(Subjective(Complaint(regions: ["neck-posterior", " "]))));
        Assert.Equal([$"painRegions[0]: 'elbow-pit' is not a body-region code {RegionHint}."], Refusal(Subjective(Complaint(regions: ["elbow-pit"]))));
    }

    [Fact]
    public void A_bad_code_is_echoed_back_at_most_forty_characters_long()
    {
        var forty = new string('x', 40);

        Assert.Equal([$"painRegions[0]: '{forty}' is not a body-region code {RegionHint}."], Refusal(Subjective(Complaint(regions: [forty]))));
        Assert.Equal([$"painRegions[0]: '{forty}…' is not a body-region code {RegionHint}."], Refusal(Subjective(Complaint(regions: [forty + "yz"]))));
    }

    [Fact]
    public void The_objective_section_names_each_bad_trigger_point_field_and_what_it_needs()
    {
        Assert.Equal(["triggerPoints: At most 100 trigger points."], Refusal(Objective([.. Enumerable.Repeat(Point(), 101)])));
        Assert.Equal(["triggerPoints[1]: Required."], Refusal(Objective(Point(), null)));
        Assert.Equal(
            [$"triggerPoints[0].kind: Required: active or latent.", $"triggerPoints[0].muscle: Required: a muscle code {MuscleHint}.", $"triggerPoints[0].region: Required: a body-region code {RegionHint}."],
            Refusal(Objective(Point(muscle: " ", region: null, kind: "dormant"))));
        Assert.Equal([$"triggerPoints[0].muscle: 'deltoid-ish' is not a muscle code {MuscleHint}."], Refusal(Objective(Point(muscle: "deltoid-ish"))));
        Assert.Equal(["triggerPoints[0].side: left, right or midline."], Refusal(Objective(Point(side: "up", region: "neck-posterior"))));
        Assert.Equal(["triggerPoints[0].side: The region is on the right side."], Refusal(Objective(Point(side: "left"))));
    }

    [Fact]
    public void A_trigger_point_takes_its_side_from_the_region_or_midline_when_the_region_has_none()
    {
        var note = Open();
        var recorded = SessionNoteDecisions.RecordObjective(note, new ObjectiveRequest(null, null, [Point(), Point(muscle: "suboccipitals", region: "neck-posterior")]), Therapist);

        Assert.Equal(["right", "midline"], note.After(recorded).Objective!.TriggerPoints.Select(point => point.Side));
    }

    [Fact]
    public void The_treatment_section_names_each_bad_technique_field_and_what_it_needs()
    {
        Assert.Equal(["techniques: Record at least one technique."], Refusal(() => SessionNoteDecisions.RecordTreatment(Open(), new TreatmentRequest(null), 7, Therapist)));
        Assert.Equal(["techniques: At most 50 techniques."], Refusal(() => SessionNoteDecisions.RecordTreatment(Open(), new TreatmentRequest([.. Enumerable.Repeat(Compression(), 51)]), 7, Therapist)));
        Assert.Equal(["techniques[1]: Required."], Refusal(() => SessionNoteDecisions.RecordTreatment(Open(), new TreatmentRequest([Compression(), null!]), 7, Therapist)));
        Assert.Equal(
            [
                "techniques[0].discomfort: Required.",
                $"techniques[0].kind: Required: {TechniqueKinds.AlternatingIschemicCompression}, {TechniqueKinds.ProlongedIschemicCompression}, {TechniqueKinds.SkinRolling}, {TechniqueKinds.MuscleStripping}.",
                "techniques[0].pressure: Required: light, moderate, firm, deep.",
                $"techniques[0].region: Required: a body-region code {RegionHint}.",
            ],
            Refusal(Treatment(new TechniqueRequest("cupping", null, null, null, null, null, null, null, null, "crushing", null, null))));
        Assert.Equal([$"techniques[0].muscle: Required: a muscle code {MuscleHint}."], Refusal(Treatment(Compression() with { Muscle = null })));
        Assert.Equal(["techniques[0].muscle: Not recorded for skin-rolling: it is applied to a region."], Refusal(Treatment(SkinRolling() with { Muscle = "upper-trapezius" })));
        Assert.Equal(
            ["techniques[0].cycles: Required: compress-release cycles.", "techniques[0].holdSeconds: Required: seconds each compression is held."],
            Refusal(Treatment(Compression() with { Cycles = null, HoldSeconds = null })));
        Assert.Equal(["techniques[0].direction: Required: origin-to-insertion or insertion-to-origin."], Refusal(Treatment(Stripping() with { Direction = null })));
        Assert.Equal(["techniques[0].direction: origin-to-insertion or insertion-to-origin."], Refusal(Treatment(Stripping() with { Direction = "sideways" })));
        Assert.Equal(
            ["techniques[0].direction: Not a parameter of alternating-ischemic-compression.", "techniques[0].strokes: Not a parameter of alternating-ischemic-compression."],
            Refusal(Treatment(Compression() with { Strokes = 5, Direction = "origin-to-insertion" })));
        Assert.Equal(["techniques[0].discomfort: Must be between 0 and 10."], Refusal(Treatment(Compression(discomfort: 11))));
    }

    [Fact]
    public void Each_kind_needs_its_own_parameters_and_a_muscle_where_it_works_on_one()
    {
        string[] MuscleRequired = [$"techniques[0].muscle: Required: a muscle code {MuscleHint}."];

        Assert.Equal(MuscleRequired, Refusal(Treatment(Prolonged() with { Muscle = null })));
        Assert.Equal(MuscleRequired, Refusal(Treatment(Stripping() with { Muscle = null })));
        Assert.Equal(
            ["techniques[0].releases: Required: releases.", "techniques[0].secondsEach: Required: seconds each is held."],
            Refusal(Treatment(Prolonged() with { Releases = null, SecondsEach = null })));
        Assert.Equal(["techniques[0].strokes: Required: strokes."], Refusal(Treatment(Stripping() with { Strokes = null })));
        Assert.Equal(
            ["techniques[0].cycles: Not a parameter of skin-rolling.", "techniques[0].releases: Not a parameter of skin-rolling."],
            Refusal(Treatment(SkinRolling() with { Cycles = 3, Releases = 2 })));
        Assert.Equal(
            [$"techniques[0].kind: Required: {string.Join(", ", TechniqueKinds.All.Select(kind => kind.Code))}."],
            Refusal(Treatment(Compression() with { Kind = "cupping", Cycles = null, HoldSeconds = null })));
    }

    [Fact]
    public void A_technique_is_recorded_as_sent_with_only_its_own_parameters()
    {
        var recorded = SessionNoteDecisions.RecordTreatment(
            Open(), new TreatmentRequest([Compression(), Prolonged(), Stripping(), SkinRolling() with { Pressure = "light", Discomfort = 0 }]), 7, Therapist);

        Assert.Equal(
            [
                new Technique(TechniqueKinds.AlternatingIschemicCompression, "upper-trapezius-right", "upper-trapezius", 3, 10, null, null, null, null, "firm", 5, false, null),
                new Technique(TechniqueKinds.ProlongedIschemicCompression, "upper-trapezius-right", "upper-trapezius", null, null, 3, 90, null, null, "firm", 5, false, null),
                new Technique(TechniqueKinds.MuscleStripping, "upper-trapezius-right", "upper-trapezius", null, null, null, null, 10, "origin-to-insertion", "firm", 5, false, null),
                new Technique(TechniqueKinds.SkinRolling, "upper-trapezius-right", null, null, null, null, null, null, null, "light", 0, false, null),
            ],
            recorded.Treatment.Techniques);
    }

    [Fact]
    public void The_subjective_section_keeps_the_complaint_trimmed_and_each_pain_region_once_in_the_order_sent()
    {
        var recorded = SessionNoteDecisions.RecordSubjective(Open(), new SubjectiveRequest("  Neck pain  ", 4, ["neck-posterior", "head", "neck-posterior"], []), Therapist);

        Assert.Equal(("Neck pain", 4), (recorded.Subjective.ChiefComplaint, recorded.Subjective.PainBefore));
        Assert.Equal(["neck-posterior", "head"], recorded.Subjective.PainRegions);
    }

    [Fact]
    public void The_facts_of_a_note_with_no_sections_are_empty_not_missing()
    {
        var facts = SessionNoteDecisions.FactsOf(Open());

        Assert.Empty(facts.Techniques);
        Assert.Empty(facts.TriggerPointsByRegion);
        Assert.Equal((0, 0, 0), (facts.PainBefore, facts.PainAfter, facts.SafetyFlags));
    }

    public static TheoryData<string, string, int, int> Parameters() => new()
    {
        { TechniqueKinds.AlternatingIschemicCompression, "cycles", 1, 20 },
        { TechniqueKinds.AlternatingIschemicCompression, "holdSeconds", 1, 120 },
        { TechniqueKinds.ProlongedIschemicCompression, "releases", 1, 20 },
        { TechniqueKinds.ProlongedIschemicCompression, "secondsEach", 1, 180 },
        { TechniqueKinds.MuscleStripping, "strokes", 1, 50 },
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public void A_technique_parameter_is_taken_at_its_bounds_and_refused_one_beyond_either(string kind, string parameter, int min, int max)
    {
        TechniqueRequest With(int value)
        {
            var technique = kind switch
            {
                TechniqueKinds.ProlongedIschemicCompression => Prolonged(),
                TechniqueKinds.MuscleStripping => Stripping(),
                _ => Compression(),
            };
            return parameter switch
            {
                "cycles" => technique with { Cycles = value },
                "holdSeconds" => technique with { HoldSeconds = value },
                "releases" => technique with { Releases = value },
                "secondsEach" => technique with { SecondsEach = value },
                _ => technique with { Strokes = value },
            };
        }

        var atMin = SessionNoteDecisions.RecordTreatment(Open(), new TreatmentRequest([With(min)]), 7, Therapist);
        var atMax = SessionNoteDecisions.RecordTreatment(Open(), new TreatmentRequest([With(max)]), 7, Therapist);

        Assert.Equal(kind, atMin.Treatment.Techniques[0].Kind);
        Assert.Equal([min, max], new[] { atMin, atMax }.Select(recorded => Value(recorded.Treatment.Techniques[0])));
        Assert.Equal([$"techniques[0].{parameter}: Must be between {min} and {max}."], Refusal(Treatment(With(min - 1))));
        Assert.Equal([$"techniques[0].{parameter}: Must be between {min} and {max}."], Refusal(Treatment(With(max + 1))));

        int? Value(Technique technique) => parameter switch
        {
            "cycles" => technique.Cycles,
            "holdSeconds" => technique.HoldSeconds,
            "releases" => technique.Releases,
            "secondsEach" => technique.SecondsEach,
            _ => technique.Strokes,
        };
    }

    [Fact]
    public void An_override_reason_is_only_for_a_region_to_avoid_and_at_most_1000_characters()
    {
        Assert.Equal(["techniques[0].overrideReason: Only for a region the client's screening says to avoid."], Refusal(Treatment(Compression(overrideReason: "Cleared by GP"))));
        Assert.Equal(["techniques[0].overrideReason: At most 1000 characters."], Refusal(Treatment(Compression("low-back", overrideReason: new string('a', 1001)), avoid: ["low-back"])));

        var recorded = SessionNoteDecisions.RecordTreatment(Open(["low-back"]), new TreatmentRequest([Compression("low-back", overrideReason: new string('a', 1000))]), 7, Therapist);

        Assert.Equal(1000, recorded.Treatment.Techniques[0].ContraindicationOverride!.Length);
    }

    [Fact]
    public void A_technique_on_a_region_to_avoid_is_refused_naming_the_technique_and_the_regions()
    {
        var refused = Assert.Throws<ConflictException>(() => SessionNoteDecisions.RecordTreatment(
            Open(["low-back", "calf-left"]), new TreatmentRequest([Compression(), Compression("low-back")]), 7, Therapist));

        Assert.Equal("Local contraindication", refused.Title);
        Assert.Equal("Screening lists the region of a technique as one to avoid. Treat elsewhere, or record why treating it is safe in overrideReason.", refused.Message);
        Assert.Equal("local-contraindication", refused.Extensions["reason"]);
        Assert.Equal(["techniques[1]"], Assert.IsType<List<string>>(refused.Extensions["techniques"]));
        Assert.Equal(["low-back", "calf-left"], Assert.IsAssignableFrom<IEnumerable<string>>(refused.Extensions["regionsToAvoid"]));
    }

    [Fact]
    public void An_amendment_names_its_fields_under_the_section_it_replaces()
    {
        var signed = Signed();
        string[] Amend(AmendmentRequest request) => Refusal(() => SessionNoteDecisions.Amend(signed, request, 7, Therapist));

        Assert.Equal(["reason: Required.", "section: Send exactly one of subjective, objective, treatment or assessment: the section as it should read."], Amend(new AmendmentRequest(null, null, null, null, null)));
        Assert.Equal(["subjective.painBefore: Required."], Amend(new AmendmentRequest("Typo", Complaint(painBefore: null), null, null, null)));
        Assert.Equal(["objective.triggerPoints[0].kind: Required: active or latent."], Amend(new AmendmentRequest("Typo", null, new ObjectiveRequest(null, null, [Point(kind: null)]), null, null)));
        Assert.Equal(["treatment.techniques[0].discomfort: Required."], Amend(new AmendmentRequest("Typo", null, null, new TreatmentRequest([Compression(discomfort: null)]), null)));
        Assert.Equal(["assessment.painAfter: Required."], Amend(new AmendmentRequest("Typo", null, null, null, new AssessmentAndPlanRequest("Better", null, null, null))));
    }

    [Fact]
    public void A_signed_note_refuses_direct_edits_and_a_second_signature_and_an_unsigned_one_refuses_amendments()
    {
        var signed = Signed();

        var edit = Assert.Throws<ConflictException>(() => SessionNoteDecisions.RecordObjective(signed, new ObjectiveRequest(null, null, []), Therapist));
        var again = Assert.Throws<ConflictException>(() => SessionNoteDecisions.Sign(signed, Therapist));
        var amend = Assert.Throws<ConflictException>(() => SessionNoteDecisions.Amend(Complete(), new AmendmentRequest("Typo", Complaint(), null, null, null), 7, Therapist));

        Assert.Equal(("Note signed", "The note was signed and is locked. To change the objective section, amend it (POST .../amendments) with a reason.", "signed"), (edit.Title, edit.Message, edit.Extensions["reason"]));
        Assert.Equal(("Already signed", "The note is already signed; change it by amendment.", "signed"), (again.Title, again.Message, again.Extensions["reason"]));
        Assert.Equal(("Not signed", "An unsigned note is edited directly (PUT its section); amendments are for signed notes.", "unsigned"), (amend.Title, amend.Message, amend.Extensions["reason"]));
    }

    [Fact]
    public void A_signed_note_is_amended_by_its_author_or_a_manager_only_and_an_unsigned_one_is_left_to_the_amendment_rule()
    {
        var signed = Signed();

        Assert.True(SessionNoteDecisions.MayAmend(signed, Therapist.UserId, isManager: false));
        Assert.True(SessionNoteDecisions.MayAmend(signed, "manager-1", isManager: true));
        Assert.False(SessionNoteDecisions.MayAmend(signed, "therapist-2", isManager: false));
        Assert.True(SessionNoteDecisions.MayAmend(Complete(), "therapist-2", isManager: false));
    }

    [Fact]
    public void An_addendum_is_attributed_text_on_a_signed_note_only()
    {
        var signed = Signed();
        var colleague = new Actor("therapist-2", Therapist.Now.AddHours(1));

        var added = SessionNoteDecisions.AddAddendum(signed, new AddendumRequest("  Client phoned: soreness gone next day.  "), colleague);
        var unsigned = Assert.Throws<ConflictException>(() => SessionNoteDecisions.AddAddendum(Complete(), new AddendumRequest("Text"), colleague));

        Assert.Equal((signed.Id, "Client phoned: soreness gone next day.", "therapist-2", colleague.Now), (added.SessionId, added.Text, added.AddedBy, added.AddedAt));
        var after = signed.After(added);
        Assert.Equal((signed.Version + 1, signed.AssessmentAndPlan, signed.Signature), (after.Version, after.AssessmentAndPlan, after.Signature));
        Assert.Equal([(added.AddendumId, "therapist-2", signed.Version + 1)], after.Addenda.Select(addendum => (addendum.Id, addendum.AddedBy, addendum.Version)));
        Assert.Equal(
            ("Not signed", "An unsigned note is edited directly (PUT its section); addenda are for signed notes.", "unsigned"),
            (unsigned.Title, unsigned.Message, unsigned.Extensions["reason"]));
        Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.AddAddendum(null!, new AddendumRequest("Text"), colleague));
        Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.AddAddendum(signed, null!, colleague));
        Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.AddAddendum(signed, new AddendumRequest("Text"), null!));
        Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.MayAmend(null!, "therapist-2", isManager: true));
        Assert.Equal(["text: Required."], Refusal(() => SessionNoteDecisions.AddAddendum(signed, new AddendumRequest(" "), colleague)));
        Assert.Equal(["text: At most 2000 characters."], Refusal(() => SessionNoteDecisions.AddAddendum(signed, new AddendumRequest(new string('a', 2001)), colleague)));
        Assert.Equal(2000, SessionNoteDecisions.AddAddendum(signed, new AddendumRequest(new string('a', 2000)), colleague).Text.Length);
    }

    [Fact]
    public void An_incomplete_note_is_refused_listing_what_is_missing()
    {
        var refused = Assert.Throws<ConflictException>(() => SessionNoteDecisions.Sign(Open(), Therapist));

        Assert.Equal("Note incomplete", refused.Title);
        Assert.Equal("A note is signed with pain before, at least one technique and pain after. Missing: subjective.painBefore, treatment.techniques, assessment.painAfter.", refused.Message);
        Assert.Equal(["subjective.painBefore", "treatment.techniques", "assessment.painAfter"], Assert.IsType<List<string>>(refused.Extensions["missing"]));
    }

    [Fact]
    public void A_treatment_recorded_without_techniques_before_they_were_required_does_not_let_the_note_be_signed()
    {
        var note = Complete();
        note = note.After(new TreatmentRecorded(note.Id, new Treatment([], 7), Therapist.UserId, Therapist.Now));

        var refused = Assert.Throws<ConflictException>(() => SessionNoteDecisions.Sign(note, Therapist));

        Assert.Equal(["treatment.techniques"], Assert.IsType<List<string>>(refused.Extensions["missing"]));
    }

    [Fact]
    public void A_note_signed_without_an_objective_section_tells_of_no_trigger_points()
    {
        var note = Open();
        note = note.After(SessionNoteDecisions.RecordSubjective(note, Complaint(), Therapist));
        note = note.After(SessionNoteDecisions.RecordTreatment(note, new TreatmentRequest([Compression()]), 7, Therapist));
        note = note.After(SessionNoteDecisions.RecordAssessmentAndPlan(note, new AssessmentAndPlanRequest(null, null, 2, null), Therapist));

        var signed = SessionNoteDecisions.Sign(note, Therapist);

        Assert.Empty(signed.Facts.TriggerPointsByRegion);
        Assert.Equal((5, 2, 1), (signed.Facts.PainBefore, signed.Facts.PainAfter, signed.Facts.Techniques.Count));
    }

    [Fact]
    public void The_facts_list_trigger_points_by_region_in_code_order()
    {
        var facts = SessionNoteDecisions.FactsOf(Complete());

        Assert.Equal(["neck-posterior", "upper-trapezius-right"], facts.TriggerPointsByRegion.Keys);
        Assert.Equal([1, 2], facts.TriggerPointsByRegion.Values);
    }

    [Fact]
    public void The_deciders_refuse_a_missing_note_request_or_actor_by_name()
    {
        var note = Signed();
        var request = new AmendmentRequest("Typo", Complaint(), null, null, null);

        Assert.Equal("note", Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.Sign(null!, Therapist)).ParamName);
        Assert.Equal("actor", Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.Sign(note, null!)).ParamName);
        Assert.Equal("note", Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.Amend(null!, request, 7, Therapist)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.Amend(note, null!, 7, Therapist)).ParamName);
        Assert.Equal("actor", Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.Amend(note, request, 7, null!)).ParamName);
        Assert.Equal("note", Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.FactsOf(null!)).ParamName);
        Assert.Equal("note", Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.RecordSubjective(null!, Complaint(), Therapist)).ParamName);
        Assert.Equal("actor", Assert.Throws<ArgumentNullException>(() => SessionNoteDecisions.Open(
            Guid.CreateVersion7(), null, Guid.CreateVersion7(), Guid.CreateVersion7(), null, new DateOnly(2027, 3, 2), ScreeningWith(), SessionNoteDecisions.TherapistSource, null!)).ParamName);
    }

    public static TheoryData<string, string> OpeningRefusals() => new()
    {
        { "none", "No screening of this client is on record: the client must complete intake and treatment consent first." },
        { ScreeningStatuses.Contraindicated, "The client's latest screening found a contraindication to massage: treatment must not go ahead." },
        { ScreeningStatuses.PhysicianClearanceRequired, "The client's latest screening requires a physician's clearance, and none valid is on record." },
        { "SomethingNew", "The client's screening status is not one this service knows; screen the client again." },
        { "clearance-expired", "The physician's clearance the screening rests on expired on 2027-03-01." },
        { "intake-expired", "The client's intake is out of date: it must be renewed before treatment." },
    };

    [Theory]
    [MemberData(nameof(OpeningRefusals))]
    public void A_refused_opening_tells_the_therapist_why(string situation, string detail)
    {
        var day = new DateOnly(2027, 3, 2);
        var screening = situation switch
        {
            "none" => null,
            "clearance-expired" => ScreeningWith(clearanceUntil: day.AddDays(-1)),
            "intake-expired" => ScreeningWith() with { IntakeValidUntil = day.AddDays(-1) },
            _ => ScreeningWith(situation),
        };

        var refused = Assert.Throws<ConflictException>(() => SessionNoteDecisions.Open(
            Guid.CreateVersion7(), null, Guid.CreateVersion7(), Guid.CreateVersion7(), null, day, screening, SessionNoteDecisions.TherapistSource, Therapist));

        Assert.Equal(("Treatment not allowed", detail), (refused.Title, refused.Message));
    }
}
