using CsCheck;
using NmtPractice.Contracts.Intake;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.TreatmentRecords.Screening;
using NmtPractice.TreatmentRecords.SessionNotes;
using NmtPractice.TreatmentRecords.SessionNotes.Sections;
using static NmtPractice.TreatmentRecords.Tests.SessionNoteExamples;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>The session note's decisions and opening rules, as pure functions.</summary>
public sealed class SessionNoteDecisionsTests
{
    private static readonly DateOnly Day = new(2027, 3, 2);

    [Theory]
    [InlineData(ScreeningStatuses.Contraindicated, OpeningRules.Contraindicated)]
    [InlineData(ScreeningStatuses.PhysicianClearanceRequired, OpeningRules.ClearanceRequired)]
    [InlineData("SomethingNew", OpeningRules.ScreeningUnknown)]
    public void A_screening_that_does_not_allow_treatment_refuses_the_opening(string status, string reason)
    {
        var (shown, refusal) = OpeningRules.Check(ScreeningWith(status), Day);

        Assert.Null(shown);
        Assert.Equal(reason, refusal!.Code);
    }

    [Fact]
    public void No_screening_on_record_refuses_the_opening()
    {
        Assert.Equal(OpeningRules.ScreeningUnknown, OpeningRules.Check(null, Day).Refusal!.Code);
        Assert.Equal(OpeningRules.ScreeningUnknown, OpeningRules.Check(ClientScreening.Unknown(Guid.CreateVersion7(), Guid.CreateVersion7()), Day).Refusal!.Code);
    }

    [Fact]
    public void A_clearance_counts_up_to_and_including_its_last_day()
    {
        var screening = ScreeningWith(ScreeningStatuses.Cleared, clearanceUntil: Day);

        Assert.NotNull(OpeningRules.Check(screening, Day).Shown);
        Assert.Equal(OpeningRules.ClearanceExpired, OpeningRules.Check(screening, Day.AddDays(1)).Refusal!.Code);
    }

    [Fact]
    public void A_lapsed_intake_refuses_the_opening_until_the_client_is_screened_again()
    {
        var screening = ScreeningWith() with { IntakeExpiredAt = new DateTimeOffset(2027, 2, 20, 0, 0, 0, TimeSpan.Zero) };
        var outOfDate = ScreeningWith() with { IntakeValidUntil = Day.AddDays(-1) };

        Assert.Equal(OpeningRules.IntakeExpired, OpeningRules.Check(screening, Day).Refusal!.Code);
        Assert.Equal(OpeningRules.IntakeExpired, OpeningRules.Check(outOfDate, Day).Refusal!.Code);
        Assert.NotNull(OpeningRules.Check(screening with { ScreenedAt = screening.IntakeExpiredAt!.Value.AddDays(1) }, Day).Shown);
    }

    [Fact]
    public void The_screening_is_shown_with_the_session()
    {
        var note = Open(avoid: ["low-back"]);

        Assert.Equal(ScreeningStatuses.ClearedWithPrecautions, note.Screening.Status);
        Assert.Equal(["low-back"], note.Screening.RegionsToAvoid);
        Assert.Equal(["lighter-pressure"], note.Screening.Precautions);
        Assert.Equal(1, note.Version);
    }

    [Fact]
    public void Opening_for_a_contraindicated_client_is_a_conflict_naming_the_reason()
    {
        var error = Assert.Throws<ConflictException>(() => SessionNoteDecisions.Open(
            Guid.CreateVersion7(), null, Guid.CreateVersion7(), Guid.CreateVersion7(), null, Day, ScreeningWith(ScreeningStatuses.Contraindicated),
            SessionNoteDecisions.TherapistSource, Therapist));

        Assert.Equal(OpeningRules.Contraindicated, error.Extensions["reason"]);
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(10, true)]
    [InlineData(0, false)]
    public void Discomfort_above_the_threshold_is_a_safety_flag(int discomfort, bool flagged)
    {
        var note = Open();

        var recorded = SessionNoteDecisions.RecordTreatment(note, new TreatmentRequest([Compression(discomfort: discomfort)]), 7, Therapist);

        Assert.Equal(flagged, Assert.Single(recorded.Treatment.Techniques).SafetyFlag);
        Assert.Equal(flagged ? 1 : 0, recorded.Treatment.SafetyFlags);
        Assert.Equal(7, recorded.Treatment.DiscomfortThreshold);
    }

    [Fact]
    public void The_flag_follows_the_threshold_in_force_for_every_rating_and_threshold()
    {
        Gen.Int[0, 10].Select(Gen.Int[0, 10]).Sample((discomfort, threshold) =>
        {
            var recorded = SessionNoteDecisions.RecordTreatment(Open(), new TreatmentRequest([Compression(discomfort: discomfort)]), threshold, Therapist);
            return recorded.Treatment.Techniques[0].SafetyFlag == discomfort > threshold;
        });
    }

    [Fact]
    public void A_technique_on_a_region_to_avoid_is_refused_without_an_override_reason()
    {
        var note = Open(avoid: ["upper-trapezius-right"]);

        var error = Assert.Throws<ConflictException>(() =>
            SessionNoteDecisions.RecordTreatment(note, new TreatmentRequest([Compression("neck-posterior"), Compression()]), 7, Therapist));

        Assert.Equal("local-contraindication", error.Extensions["reason"]);
        Assert.Equal(["techniques[1]"], Assert.IsType<List<string>>(error.Extensions["techniques"]));
    }

    [Fact]
    public void With_an_override_reason_the_technique_is_recorded_with_it()
    {
        var note = Open(avoid: ["upper-trapezius-right"]);

        var recorded = SessionNoteDecisions.RecordTreatment(
            note, new TreatmentRequest([Compression(overrideReason: "Bruise healed; checked with the client's physician")]), 7, Therapist);

        Assert.Equal("Bruise healed; checked with the client's physician", recorded.Treatment.Techniques[0].ContraindicationOverride);
    }

    [Fact]
    public void An_override_reason_where_nothing_is_contraindicated_is_a_400()
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            SessionNoteDecisions.RecordTreatment(Open(), new TreatmentRequest([Compression(overrideReason: "Just in case")]), 7, Therapist));

        Assert.Contains("techniques[0].overrideReason", error.Errors.Keys);
    }

    [Fact]
    public void Each_technique_takes_the_parameters_of_its_kind_and_no_others()
    {
        var request = new TreatmentRequest(
        [
            new TechniqueRequest("alternating-ischemic-compression", "neck-posterior", "scalenes", null, 500, 2, null, null, null, "firm", 5, null),
            new TechniqueRequest("skin-rolling", "low-back", "erector-spinae", null, null, null, null, null, null, "light", 2, null),
            new TechniqueRequest("muscle-stripping", "calf-left", "gastrocnemius", null, null, null, null, 4, "sideways", "deep", 3, null),
            new TechniqueRequest("cupping", "calf-left", null, null, null, null, null, null, null, "crushing", 3, null),
        ]);

        var error = Assert.Throws<RequestValidationException>(() => SessionNoteDecisions.RecordTreatment(Open(), request, 7, Therapist));

        Assert.Equal(
            new[]
            {
                "techniques[0].cycles", "techniques[0].holdSeconds", "techniques[0].releases",
                "techniques[1].muscle",
                "techniques[2].direction",
                "techniques[3].kind", "techniques[3].pressure",
            }.Order(StringComparer.Ordinal),
            error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(-1)]
    public void Ratings_outside_0_to_10_are_refused(int rating)
    {
        var note = Open();

        var pain = Assert.Throws<RequestValidationException>(() => SessionNoteDecisions.RecordSubjective(note, Subjective(rating), Therapist));
        var discomfort = Assert.Throws<RequestValidationException>(() =>
            SessionNoteDecisions.RecordTreatment(note, new TreatmentRequest([Compression(discomfort: rating)]), 7, Therapist));
        var after = Assert.Throws<RequestValidationException>(() =>
            SessionNoteDecisions.RecordAssessmentAndPlan(note, new AssessmentAndPlanRequest(null, null, rating, null), Therapist));

        Assert.Equal(["painBefore"], pain.Errors.Keys);
        Assert.Equal(["techniques[0].discomfort"], discomfort.Errors.Keys);
        Assert.Equal(["painAfter"], after.Errors.Keys);
    }

    [Fact]
    public void Unknown_muscles_and_regions_and_a_side_against_the_region_are_refused()
    {
        var request = new ObjectiveRequest("Upright", null,
        [
            new TriggerPointRequest("upper-trapezoid", null, "upper-trapezius-right", "active", null, null, null),
            new TriggerPointRequest("scalenes", null, "neck-sideways", "latent", ["headd"], null, null),
            new TriggerPointRequest("deltoid", "left", "shoulder-right", "dormant", null, null, null),
        ]);

        var error = Assert.Throws<RequestValidationException>(() => SessionNoteDecisions.RecordObjective(Open(), request, Therapist));

        Assert.Equal(
            new[]
            {
                "triggerPoints[0].muscle", "triggerPoints[1].region", "triggerPoints[1].referralRegions[0]",
                "triggerPoints[2].side", "triggerPoints[2].kind",
            }.Order(StringComparer.Ordinal),
            error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_side_of_a_trigger_point_comes_from_its_region_when_left_out()
    {
        var recorded = SessionNoteDecisions.RecordObjective(Open(), new ObjectiveRequest(null, null,
        [
            new TriggerPointRequest("gluteus-medius", null, "gluteal-left", "active", null, null, null),
            new TriggerPointRequest("erector-spinae", null, "low-back", "latent", null, null, null),
        ]), Therapist);

        Assert.Equal(["left", "midline"], recorded.Objective.TriggerPoints.Select(point => point.Side));
    }

    [Fact]
    public void Signing_needs_pain_before_a_technique_and_pain_after()
    {
        var note = Open();
        note = note.After(SessionNoteDecisions.RecordSubjective(note, Subjective(), Therapist));

        var error = Assert.Throws<ConflictException>(() => SessionNoteDecisions.Sign(note, Therapist));

        Assert.Equal("incomplete", error.Extensions["reason"]);
        Assert.Equal(["treatment.techniques", "assessment.painAfter"], Assert.IsType<List<string>>(error.Extensions["missing"]));
    }

    [Fact]
    public void A_signed_note_carries_its_facts_and_is_locked()
    {
        var note = Complete();
        var signed = SessionNoteDecisions.Sign(note, Therapist);
        var locked = note.After(signed);

        Assert.Equal(6, signed.Facts.PainBefore);
        Assert.Equal(2, signed.Facts.PainAfter);
        Assert.Equal(1, signed.Facts.SafetyFlags);
        Assert.Equal(new Dictionary<string, int> { ["neck-posterior"] = 1, ["upper-trapezius-right"] = 2 }, signed.Facts.TriggerPointsByRegion);
        Assert.True(locked.IsSigned);
        Assert.Equal("signed", Assert.Throws<ConflictException>(() => SessionNoteDecisions.RecordSubjective(locked, Subjective(2), Therapist)).Extensions["reason"]);
        Assert.Equal("signed", Assert.Throws<ConflictException>(() => SessionNoteDecisions.Sign(locked, Therapist)).Extensions["reason"]);
    }

    [Fact]
    public void Once_signed_no_section_can_be_written_directly()
    {
        var signed = Complete();
        signed = signed.After(SessionNoteDecisions.Sign(signed, Therapist));

        var refusals = new Func<object>[]
        {
            () => SessionNoteDecisions.RecordSubjective(signed, Subjective(2), Therapist),
            () => SessionNoteDecisions.RecordObjective(signed, new ObjectiveRequest("Upright", null, []), Therapist),
            () => SessionNoteDecisions.RecordTreatment(signed, new TreatmentRequest([Compression(discomfort: 2)]), 7, Therapist),
            () => SessionNoteDecisions.RecordAssessmentAndPlan(signed, new AssessmentAndPlanRequest("Worse", null, 5, null), Therapist),
        }.Select(write => Assert.Throws<ConflictException>(write).Extensions["reason"]);

        Assert.Equal(["signed", "signed", "signed", "signed"], refusals);
    }

    [Fact]
    public void A_treatment_with_no_technique_is_refused_and_signing_without_subjective_or_treatment_names_both()
    {
        var note = Open();
        var empty = Assert.Throws<RequestValidationException>(() => SessionNoteDecisions.RecordTreatment(note, new TreatmentRequest([]), 7, Therapist));
        note = note.After(SessionNoteDecisions.RecordAssessmentAndPlan(note, new AssessmentAndPlanRequest(null, null, 3, null), Therapist));

        var error = Assert.Throws<ConflictException>(() => SessionNoteDecisions.Sign(note, Therapist));

        Assert.Equal(["techniques"], empty.Errors.Keys);
        Assert.Equal(["subjective.painBefore", "treatment.techniques"], Assert.IsType<List<string>>(error.Extensions["missing"]));
        Assert.False(note.IsSigned);
    }

    public static TheoryData<string> Sections() => [NoteSections.Subjective, NoteSections.Objective, NoteSections.Treatment, NoteSections.Assessment];

    [Theory]
    [MemberData(nameof(Sections))]
    public void An_amendment_records_the_section_it_replaces(string section)
    {
        var signed = Complete();
        signed = signed.After(SessionNoteDecisions.Sign(signed, Therapist));
        var request = new AmendmentRequest(
            "Corrected after review",
            section == NoteSections.Subjective ? Subjective(5) : null,
            section == NoteSections.Objective ? new ObjectiveRequest("Forward head", null, []) : null,
            section == NoteSections.Treatment ? new TreatmentRequest([Compression(discomfort: 4)]) : null,
            section == NoteSections.Assessment ? new AssessmentAndPlanRequest("Better", null, 1, null) : null);

        var amended = SessionNoteDecisions.Amend(signed, request, 7, Therapist);
        var note = signed.After(amended);

        Assert.Equal(section, amended.Section);
        Assert.Equal(section, Assert.Single(note.Amendments).Section);
    }

    [Fact]
    public void An_amendment_replaces_one_section_with_a_reason_and_recomputes_the_facts()
    {
        var signed = Complete();
        signed = signed.After(SessionNoteDecisions.Sign(signed, Therapist));
        var later = Therapist with { UserId = "therapist-2", Now = Therapist.Now.AddHours(2) };

        var amended = SessionNoteDecisions.Amend(
            signed, new AmendmentRequest("Pain after was recorded from the wrong client's form", null, null, null, new AssessmentAndPlanRequest("Better", "Weekly", 4, null)), 7, later);
        var note = signed.After(amended);

        Assert.Equal(NoteSections.Assessment, amended.Section);
        Assert.Equal(4, amended.Facts.PainAfter);
        Assert.Equal(4, note.AssessmentAndPlan!.PainAfter);
        Assert.Equal(6, note.Subjective!.PainBefore);
        var amendment = Assert.Single(note.Amendments);
        Assert.Equal(("therapist-2", later.Now, note.Version), (amendment.AmendedBy, amendment.AmendedAt, amendment.Version));
        Assert.Equal(signed.Signature, note.Signature);
    }

    [Fact]
    public void An_amendment_needs_a_reason_exactly_one_section_and_a_signed_note()
    {
        var signed = Complete();
        signed = signed.After(SessionNoteDecisions.Sign(signed, Therapist));

        var noReason = Assert.Throws<RequestValidationException>(() =>
            SessionNoteDecisions.Amend(signed, new AmendmentRequest(" ", Subjective(), null, null, null), 7, Therapist));
        var twoSections = Assert.Throws<RequestValidationException>(() =>
            SessionNoteDecisions.Amend(signed, new AmendmentRequest("Typo", Subjective(), null, null, new AssessmentAndPlanRequest(null, null, 3, null)), 7, Therapist));
        var unsigned = Assert.Throws<ConflictException>(() =>
            SessionNoteDecisions.Amend(Complete(), new AmendmentRequest("Typo", Subjective(), null, null, null), 7, Therapist));

        Assert.Equal(["reason"], noReason.Errors.Keys);
        Assert.Equal(["section"], twoSections.Errors.Keys);
        Assert.Equal("unsigned", unsigned.Extensions["reason"]);
    }

    [Fact]
    public void An_amended_treatment_is_still_checked_against_the_regions_to_avoid()
    {
        var signed = Complete(avoid: ["calf-left"]);
        signed = signed.After(SessionNoteDecisions.Sign(signed, Therapist));

        var error = Assert.Throws<ConflictException>(() => SessionNoteDecisions.Amend(
            signed, new AmendmentRequest("Missed a technique", null, null, new TreatmentRequest([Compression("calf-left")]), null), 7, Therapist));

        Assert.Equal("local-contraindication", error.Extensions["reason"]);
        Assert.Equal(["treatment.techniques[0]"], Assert.IsType<List<string>>(error.Extensions["techniques"]));
    }

    [Fact]
    public void Every_event_moves_the_version_by_one()
    {
        var note = Complete();

        Assert.Equal(5, note.Version);
        Assert.Equal(6, note.After(SessionNoteDecisions.Sign(note, Therapist)).Version);
    }
}
