using NmtPractice.Contracts.Intake;
using NmtPractice.Intake.Questionnaires;
using NmtPractice.Intake.Screening;

namespace NmtPractice.Intake.Tests;

/// <summary>
/// Every rule of the rule set in force, case by case: alone (at least one case per rule), at and
/// beside its date boundaries (a heart attack today, six months ago, six months and a day ago; a
/// clearance on its first and last day, and the day before it starts), and mixed with others. A rule without a case fails the coverage test.
/// </summary>
public sealed class ScreeningRuleTableTests
{
    private static readonly DateOnly Adult = new(1985, 5, 1);
    private static readonly Guid AnticoagulantClearance = Guid.Parse("0194f3a0-0000-7000-8000-0000000c1ea1");

    public sealed record RuleCase(
        string Name,
        (string Id, object? Value)[] Changes,
        string[] Rules,
        ScreeningOutcome Outcome,
        string[]? Regions = null,
        string[]? Adaptations = null,
        DateOnly? Born = null,
        ClearanceInForce[]? Clearances = null,
        string[]? ClearedRules = null)
    {
        public override string ToString() => Name;
    }

    private static readonly RuleCase[] Table =
    [
        new("healthy client", [], [], ScreeningOutcome.Cleared),

        new("fever", [("fever", true)], ["ABS-FEVER"], ScreeningOutcome.Contraindicated),
        new("contagious infection", [("contagious_infection", true)], ["ABS-CONTAGIOUS-INFECTION"], ScreeningOutcome.Contraindicated),
        new("contagious skin condition", [("contagious_skin_condition", true)], ["ABS-CONTAGIOUS-SKIN"], ScreeningOutcome.Contraindicated),
        new("signs of DVT", [("dvt_signs", true)], ["ABS-DVT"], ScreeningOutcome.Contraindicated),
        new("uncontrolled hypertension", [("blood_pressure_uncontrolled", true)], ["ABS-UNCONTROLLED-HYPERTENSION"], ScreeningOutcome.Contraindicated),
        new("concussion not cleared", [("head_injury_not_cleared", true)], ["ABS-CONCUSSION"], ScreeningOutcome.Contraindicated),
        new("emergency signs", [("emergency_signs", true)], ["ABS-EMERGENCY-SIGNS"], ScreeningOutcome.Contraindicated),
        new("alcohol or drugs", [("alcohol_or_drugs", true)], ["ABS-INTOXICATION"], ScreeningOutcome.Contraindicated),

        new("varicose veins", [("varicose_vein_regions", new[] { "calf-left", "calf-right" })], ["LOC-VARICOSE-VEINS"], ScreeningOutcome.ClearedWithPrecautions,
            Regions: ["calf-left", "calf-right"]),
        new("minor surgery site", [("surgery_last_3_months", true), ("surgery_major", false), ("surgery_regions", new[] { "knee-right" })],
            ["LOC-RECENT-SURGERY-SITE"], ScreeningOutcome.ClearedWithPrecautions, Regions: ["knee-right"]),
        new("recent fracture", [("fracture_last_3_months", true), ("fracture_regions", new[] { "wrist-hand-left" })],
            ["LOC-RECENT-FRACTURE"], ScreeningOutcome.ClearedWithPrecautions, Regions: ["wrist-hand-left"]),
        new("open wound", [("open_wound_regions", new[] { "forearm-right" })], ["LOC-OPEN-WOUND"], ScreeningOutcome.ClearedWithPrecautions, Regions: ["forearm-right"]),
        new("inflammation flare", [("inflammation_regions", new[] { "elbow-left" })], ["LOC-INFLAMMATION"], ScreeningOutcome.ClearedWithPrecautions, Regions: ["elbow-left"]),
        new("local skin infection", [("skin_infection_regions", new[] { "thigh-posterior-left" })], ["LOC-SKIN-INFECTION"], ScreeningOutcome.ClearedWithPrecautions,
            Regions: ["thigh-posterior-left"]),
        new("no regions named: no local finding", [("varicose_vein_regions", Array.Empty<string>())], [], ScreeningOutcome.Cleared),

        new("cancer treatment", [("cancer_treatment", true)], ["CLR-CANCER-TREATMENT"], ScreeningOutcome.PhysicianClearanceRequired),
        new("heart attack 3 months ago", [("heart_attack_date", "2026-08-24")], ["CLR-RECENT-HEART-ATTACK"], ScreeningOutcome.PhysicianClearanceRequired),
        new("heart attack exactly 6 months ago", [("heart_attack_date", "2026-05-24")], ["CLR-RECENT-HEART-ATTACK"], ScreeningOutcome.PhysicianClearanceRequired),
        new("heart attack 6 months and a day ago", [("heart_attack_date", "2026-05-23")], [], ScreeningOutcome.Cleared),
        new("heart attack today", [("heart_attack_date", "2026-11-24")], ["CLR-RECENT-HEART-ATTACK"], ScreeningOutcome.PhysicianClearanceRequired),
        new("high-risk pregnancy", [("pregnant", true), ("pregnancy_weeks", 20), ("pregnancy_risk", "high-risk")],
            ["CLR-HIGH-RISK-PREGNANCY", "PRE-PREGNANCY"], ScreeningOutcome.PhysicianClearanceRequired, Adaptations: ["lighter-pressure", "side-lying"]),
        new("pregnancy risk not assessed", [("pregnant", true), ("pregnancy_weeks", 9), ("pregnancy_risk", "not-sure")],
            ["CLR-HIGH-RISK-PREGNANCY", "PRE-PREGNANCY"], ScreeningOutcome.PhysicianClearanceRequired),
        new("anticoagulants", [("anticoagulants", true)], ["CLR-ANTICOAGULANTS"], ScreeningOutcome.PhysicianClearanceRequired),
        new("bleeding disorder", [("bleeding_disorder", true)], ["CLR-ANTICOAGULANTS"], ScreeningOutcome.PhysicianClearanceRequired),
        new("major surgery", [("surgery_last_3_months", true), ("surgery_major", true), ("surgery_regions", new[] { "abdomen" })],
            ["CLR-MAJOR-SURGERY", "LOC-RECENT-SURGERY-SITE"], ScreeningOutcome.PhysicianClearanceRequired, Regions: ["abdomen"]),
        new("organ failure", [("organ_failure", new[] { "kidney" })], ["CLR-ORGAN-FAILURE"], ScreeningOutcome.PhysicianClearanceRequired),
        new("recent accident", [("accident_last_6_weeks", true)], ["CLR-RECENT-ACCIDENT"], ScreeningOutcome.PhysicianClearanceRequired),

        new("osteoporosis", [("osteoporosis", true)], ["PRE-OSTEOPOROSIS"], ScreeningOutcome.ClearedWithPrecautions, Adaptations: ["lighter-pressure"]),
        new("uncomplicated pregnancy", [("pregnant", true), ("pregnancy_weeks", 24), ("pregnancy_risk", "not-high-risk")],
            ["PRE-PREGNANCY"], ScreeningOutcome.ClearedWithPrecautions, Adaptations: ["lighter-pressure", "side-lying"]),
        new("diabetic neuropathy", [("diabetes", true), ("diabetic_neuropathy", true)], ["PRE-DIABETIC-NEUROPATHY"], ScreeningOutcome.ClearedWithPrecautions,
            Adaptations: ["check-sensation", "lighter-pressure"]),
        new("diabetes without neuropathy", [("diabetes", true), ("diabetic_neuropathy", false)], [], ScreeningOutcome.Cleared),
        new("fragile skin", [("fragile_skin", true)], ["PRE-FRAGILE-SKIN"], ScreeningOutcome.ClearedWithPrecautions, Adaptations: ["lighter-pressure", "no-skin-rolling"]),
        new("long-term steroids", [("long_term_steroids", true)], ["PRE-LONG-TERM-STEROIDS"], ScreeningOutcome.ClearedWithPrecautions),
        new("aged 80 today", [], ["PRE-AGE-80"], ScreeningOutcome.ClearedWithPrecautions, Born: new DateOnly(1946, 11, 24),
            Adaptations: ["frequent-comfort-checks", "lighter-pressure"]),
        new("80 tomorrow", [], [], ScreeningOutcome.Cleared, Born: new DateOnly(1946, 11, 25)),

        new("absolute beats everything", [("fever", true), ("anticoagulants", true), ("varicose_vein_regions", new[] { "calf-left" }), ("osteoporosis", true)],
            ["ABS-FEVER", "CLR-ANTICOAGULANTS", "LOC-VARICOSE-VEINS", "PRE-OSTEOPOROSIS"], ScreeningOutcome.Contraindicated, Regions: ["calf-left"]),
        new("clearance needed beats precautions", [("anticoagulants", true), ("osteoporosis", true), ("open_wound_regions", new[] { "shin-left" })],
            ["CLR-ANTICOAGULANTS", "PRE-OSTEOPOROSIS", "LOC-OPEN-WOUND"], ScreeningOutcome.PhysicianClearanceRequired, Regions: ["shin-left"]),
        new("precautions combine", [("osteoporosis", true), ("fragile_skin", true), ("inflammation_regions", new[] { "knee-left", "knee-right" })],
            ["PRE-OSTEOPOROSIS", "PRE-FRAGILE-SKIN", "LOC-INFLAMMATION"], ScreeningOutcome.ClearedWithPrecautions,
            Regions: ["knee-left", "knee-right"], Adaptations: ["lighter-pressure", "no-skin-rolling"]),
        new("valid clearance covers its rule", [("anticoagulants", true)], ["CLR-ANTICOAGULANTS"], ScreeningOutcome.ClearedWithPrecautions,
            Clearances: [new(AnticoagulantClearance, ["CLR-ANTICOAGULANTS"], new DateOnly(2026, 11, 1), new DateOnly(2027, 5, 1))], ClearedRules: ["CLR-ANTICOAGULANTS"]),
        new("expired clearance covers nothing", [("anticoagulants", true)], ["CLR-ANTICOAGULANTS"], ScreeningOutcome.PhysicianClearanceRequired,
            Clearances: [new(AnticoagulantClearance, ["CLR-ANTICOAGULANTS"], new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 23))]),
        new("a clearance covers its rule on the day it was given", [("anticoagulants", true)], ["CLR-ANTICOAGULANTS"], ScreeningOutcome.ClearedWithPrecautions,
            Clearances: [new(AnticoagulantClearance, ["CLR-ANTICOAGULANTS"], new DateOnly(2026, 11, 24), new DateOnly(2027, 5, 24))], ClearedRules: ["CLR-ANTICOAGULANTS"]),
        new("a clearance covers its rule on its last day", [("anticoagulants", true)], ["CLR-ANTICOAGULANTS"], ScreeningOutcome.ClearedWithPrecautions,
            Clearances: [new(AnticoagulantClearance, ["CLR-ANTICOAGULANTS"], new DateOnly(2026, 5, 24), new DateOnly(2026, 11, 24))], ClearedRules: ["CLR-ANTICOAGULANTS"]),
        new("a clearance dated tomorrow covers nothing yet", [("anticoagulants", true)], ["CLR-ANTICOAGULANTS"], ScreeningOutcome.PhysicianClearanceRequired,
            Clearances: [new(AnticoagulantClearance, ["CLR-ANTICOAGULANTS"], new DateOnly(2026, 11, 25), new DateOnly(2027, 5, 25))]),
        new("a clearance of one rule leaves another uncleared", [("anticoagulants", true), ("cancer_treatment", true)],
            ["CLR-ANTICOAGULANTS", "CLR-CANCER-TREATMENT"], ScreeningOutcome.PhysicianClearanceRequired,
            Clearances: [new(AnticoagulantClearance, ["CLR-ANTICOAGULANTS"], new DateOnly(2026, 11, 1), new DateOnly(2027, 5, 1))], ClearedRules: ["CLR-ANTICOAGULANTS"]),
        new("a clearance never lifts an absolute contraindication", [("dvt_signs", true), ("anticoagulants", true)],
            ["ABS-DVT", "CLR-ANTICOAGULANTS"], ScreeningOutcome.Contraindicated,
            Clearances: [new(AnticoagulantClearance, ["CLR-ANTICOAGULANTS"], new DateOnly(2026, 11, 1), new DateOnly(2027, 5, 1))], ClearedRules: ["CLR-ANTICOAGULANTS"]),
        new("a clearance naming other kinds of finding clears only the clearance finding", [("dvt_signs", true), ("osteoporosis", true), ("open_wound_regions", new[] { "shin-left" }), ("anticoagulants", true)],
            ["ABS-DVT", "PRE-OSTEOPOROSIS", "LOC-OPEN-WOUND", "CLR-ANTICOAGULANTS"], ScreeningOutcome.Contraindicated, Regions: ["shin-left"],
            Clearances: [new(AnticoagulantClearance, ["ABS-DVT", "PRE-OSTEOPOROSIS", "LOC-OPEN-WOUND", "CLR-ANTICOAGULANTS"], new DateOnly(2026, 11, 1), new DateOnly(2027, 5, 1))],
            ClearedRules: ["CLR-ANTICOAGULANTS"]),
    ];

    public static TheoryData<RuleCase> Cases()
    {
        var data = new TheoryData<RuleCase>();
        foreach (var entry in Table)
        {
            data.Add(entry);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_rule_set_decides_each_case(RuleCase screening)
    {
        var answers = IntakeAnswers.Healthy(screening.Changes);
        Assert.Empty(AnswerValidator.Validate(Questionnaire.Current, answers, IntakeAnswers.Today));

        var result = ScreeningEngine.Evaluate(RuleSet.Current, new AnswerSet(answers), screening.Born ?? Adult, IntakeAnswers.Today, screening.Clearances ?? []);

        Assert.Equal(screening.Rules.Order(StringComparer.Ordinal), result.Findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.Equal(screening.Outcome, result.Outcome);
        Assert.Equal("2026.1", result.RuleSetVersion);
        Assert.Equal(screening.Regions ?? [], result.RegionsToAvoid);

        // Only a clearance finding is marked as cleared, by the clearance in force that covers it.
        Assert.Equal((screening.ClearedRules ?? []).Order(StringComparer.Ordinal), result.Findings.Where(f => f.ClearedBy is not null).Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.All(result.Findings.Where(f => f.ClearedBy is not null), finding => Assert.Equal(AnticoagulantClearance, finding.ClearedBy));
        if (screening.Adaptations is { } adaptations)
        {
            Assert.Equal(adaptations, result.Adaptations);
        }

        Assert.All(result.Findings, finding => Assert.False(string.IsNullOrWhiteSpace(finding.Explanation)));
    }

    [Fact]
    public void Every_rule_in_force_has_a_case()
    {
        var covered = Table.SelectMany(c => c.Rules).ToHashSet(StringComparer.Ordinal);

        Assert.All(RuleSet.Current.Rules, rule => Assert.True(covered.Contains(rule.Id), $"{rule.Id} has no case in the table"));
    }

    [Fact]
    public void The_rule_set_in_force_is_sound_for_its_questionnaire_and_for_no_other_version()
    {
        Assert.Empty(RuleSet.Current.Problems(Questionnaire.Current));

        var next = Questionnaire.Current with { Version = Questionnaire.Current.Version + 1 };
        Assert.Contains($"written for questionnaire {Questionnaire.Current.Id} v{Questionnaire.Current.Version}, not {next.Id} v{next.Version}", RuleSet.Current.Problems(next));
        var refused = Assert.Throws<InvalidOperationException>(() => RuleSet.Load("NmtPractice.Intake.Screening.screening-rules.v1.json", next));
        Assert.Contains("is not sound", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Intake_decides_exactly_the_screening_statuses_the_contract_names() =>
        Assert.Equal(ScreeningStatuses.All, Enum.GetNames<ScreeningOutcome>());

    [Fact]
    public void The_engine_refuses_missing_rules_answers_or_clearances_by_name()
    {
        var answers = new AnswerSet(IntakeAnswers.Healthy());

        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => ScreeningEngine.Evaluate(null!, answers, Adult, IntakeAnswers.Today, [])).ParamName);
        Assert.Equal("answers", Assert.Throws<ArgumentNullException>(() => ScreeningEngine.Evaluate(RuleSet.Current, null!, Adult, IntakeAnswers.Today, [])).ParamName);
        Assert.Equal("clearances", Assert.Throws<ArgumentNullException>(() => ScreeningEngine.Evaluate(RuleSet.Current, answers, Adult, IntakeAnswers.Today, null!)).ParamName);
    }

    [Fact]
    public void A_finding_carries_the_rules_category_title_and_explanation()
    {
        var result = ScreeningEngine.Evaluate(RuleSet.Current, new AnswerSet(IntakeAnswers.Healthy(("dvt_signs", true))), Adult, IntakeAnswers.Today, []);

        var finding = Assert.Single(result.Findings);
        var rule = RuleSet.Current.Rules.Single(r => r.Id == "ABS-DVT");
        Assert.Equal((rule.Category, rule.Title, rule.Explanation), (finding.Category, finding.Title, finding.Explanation));
    }
}
