using System.Text.Json;
using NmtPractice.Intake.Questionnaires;
using NmtPractice.Intake.Screening;

namespace NmtPractice.Intake.Tests;

/// <summary>Bad answers are reported per question, all at once.</summary>
public sealed class AnswerValidationTests
{
    private static IReadOnlyDictionary<string, string[]> Validate(params (string Id, object? Value)[] changes) =>
        AnswerValidator.Validate(Questionnaire.Current, IntakeAnswers.Healthy(changes), IntakeAnswers.Today);

    [Fact]
    public void A_healthy_clients_answers_are_valid() => Assert.Empty(Validate());

    [Theory]
    [InlineData("favourite_colour", "blue", "answers.favourite_colour")]
    [InlineData("fever", "no", "answers.fever")]
    [InlineData("pain_intensity", 11, "answers.pain_intensity")]
    [InlineData("pain_intensity", "seven", "answers.pain_intensity")]
    [InlineData("heart_attack_date", "2027-01-01", "answers.heart_attack_date")]
    [InlineData("heart_attack_date", "24/11/2026", "answers.heart_attack_date")]
    [InlineData("organ_failure", "kidney", "answers.organ_failure")]
    public void A_wrong_or_unknown_answer_names_its_question(string id, object value, string field)
    {
        var errors = Validate((id, value));

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Unknown_regions_and_options_are_listed()
    {
        var errors = Validate(("varicose_vein_regions", new[] { "calf-left", "tail" }), ("organ_failure", new[] { "kidney", "spleen" }));

        Assert.Contains("tail", errors["answers.varicose_vein_regions"][0], StringComparison.Ordinal);
        Assert.Contains("spleen", errors["answers.organ_failure"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_region_is_refused()
    {
        var errors = Validate(("pain_regions", new[] { "neck-posterior", "neck-posterior" }));

        Assert.Equal(["An item appears twice."], errors["answers.pain_regions"]);
    }

    [Fact]
    public void Missing_required_answers_are_each_reported()
    {
        var errors = Validate(("fever", null), ("goals", null), ("pregnant", null));

        Assert.Equal(["answers.fever", "answers.goals", "answers.pregnant"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Follow_up_questions_are_required_only_when_they_apply()
    {
        var pregnant = Validate(("pregnant", true));
        var notPregnant = Validate(("pregnant", false));

        Assert.Equal(["answers.pregnancy_risk", "answers.pregnancy_weeks"], pregnant.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(notPregnant);
    }

    [Fact]
    public void Text_longer_than_allowed_is_refused()
    {
        var errors = Validate(("goals", new string('x', 1001)));

        Assert.Equal(["At most 1000 characters."], errors["answers.goals"]);
    }

    [Fact]
    public void Null_is_the_same_as_not_answering()
    {
        var answers = IntakeAnswers.Healthy();
        answers["heart_attack_date"] = JsonSerializer.SerializeToElement<object?>(null);

        Assert.Empty(AnswerValidator.Validate(Questionnaire.Current, answers, IntakeAnswers.Today));
    }
}

/// <summary>The rule set in force is sound, and an unsound one is refused at load.</summary>
public sealed class RuleSetSoundnessTests
{
    private const string ShippedRules = "NmtPractice.Intake.Screening.screening-rules.v1.json";

    [Fact]
    public void The_rule_set_in_force_is_sound_and_reviewed()
    {
        Assert.Empty(RuleSet.Current.Problems(Questionnaire.Current));
        Assert.False(string.IsNullOrWhiteSpace(RuleSet.Current.ReviewedBy));
        Assert.Equal(4, RuleSet.Current.Rules.Select(r => r.Category).Distinct().Count());
    }

    [Fact]
    public void Rules_naming_unknown_questions_or_adaptations_are_refused()
    {
        var broken = RuleSet.Current with
        {
            Rules =
            [
                .. RuleSet.Current.Rules,
                new ScreeningRule
                {
                    Id = "PRE-TYPO", Category = FindingCategory.Precaution, Title = "t", Explanation = "e",
                    When = new Condition { Answer = "osteoporsis", Is = JsonSerializer.SerializeToElement(true) },
                    Adaptations = ["gentle"],
                },
                new ScreeningRule
                {
                    Id = "LOC-NO-REGIONS", Category = FindingCategory.LocalContraindication, Title = "t", Explanation = "e",
                    When = new Condition { Answer = "fever", Is = JsonSerializer.SerializeToElement(true) },
                },
                new ScreeningRule
                {
                    Id = "ABS-FEVER", Category = FindingCategory.AbsoluteContraindication, Title = "t", Explanation = "e",
                    When = new Condition { Answer = "fever", Is = JsonSerializer.SerializeToElement(true), Answered = true },
                },
            ],
        };

        var problems = broken.Problems(Questionnaire.Current).ToList();

        Assert.Contains(problems, p => p.Contains("PRE-TYPO: names an unknown question 'osteoporsis'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PRE-TYPO: unknown adaptation 'gentle'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("LOC-NO-REGIONS: a local contraindication needs avoidRegionsFrom", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("rule id ABS-FEVER appears 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("exactly one of", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_rule_set_loads_against_its_questionnaire_as_the_one_in_force()
    {
        var loaded = RuleSet.Load(ShippedRules, Questionnaire.Current);

        Assert.Equal(RuleSet.Current.Rules.Select(rule => rule.Id), loaded.Rules.Select(rule => rule.Id));
        Assert.Equal(RuleSet.Current.Version, loaded.Version);
    }

    [Fact]
    public void Loading_a_rule_set_that_is_not_shipped_fails_naming_it() =>
        Assert.Equal("Missing embedded rule set NmtPractice.Intake.Screening.none.json.", Assert.Throws<InvalidOperationException>(() => RuleSet.Load("NmtPractice.Intake.Screening.none.json", Questionnaire.Current)).Message);

    [Fact]
    public void Every_problem_of_an_unsound_rule_set_is_named_when_it_is_refused()
    {
        var nextWithoutFever = Questionnaire.Current with
        {
            Version = Questionnaire.Current.Version + 1,
            Sections = [.. Questionnaire.Current.Sections.Select(section => section with { Questions = [.. section.Questions.Where(question => question.Id != "fever")] })],
        };
        var problems = RuleSet.Current.Problems(nextWithoutFever).ToList();

        var refused = Assert.Throws<InvalidOperationException>(() => RuleSet.Load(ShippedRules, nextWithoutFever));

        Assert.True(problems.Count >= 2, string.Join(" | ", problems));
        Assert.Equal($"Rule set {ShippedRules} is not sound: {string.Join("; ", problems)}.", refused.Message);
    }

    [Fact]
    public void A_precaution_without_an_adaptation_is_a_problem()
    {
        var bare = RuleSet.Current with
        {
            Rules =
            [
                new ScreeningRule
                {
                    Id = "PRE-BARE", Category = FindingCategory.Precaution, Title = "t", Explanation = "e",
                    When = new Condition { Answer = "fever", Is = JsonSerializer.SerializeToElement(true) },
                },
            ],
        };

        Assert.Equal(["PRE-BARE: a precaution needs at least one adaptation"], bare.Problems(Questionnaire.Current));
    }

    [Fact]
    public void The_rule_set_refuses_a_missing_questionnaire_by_name()
    {
        Assert.Equal("questionnaire", Assert.Throws<ArgumentNullException>(() => RuleSet.Load(ShippedRules, null!)).ParamName);
        Assert.Equal("questionnaire", Assert.Throws<ArgumentNullException>(() => RuleSet.Current.Problems(null!).ToList()).ParamName);
    }

    [Fact]
    public void Loading_the_rule_set_against_a_questionnaire_without_a_question_it_names_fails_naming_the_question()
    {
        Assert.True(Questionnaire.Current.QuestionsById.ContainsKey("fever"));
        var withoutFever = Questionnaire.Current with
        {
            Sections = [.. Questionnaire.Current.Sections.Select(section => section with { Questions = [.. section.Questions.Where(question => question.Id != "fever")] })],
        };

        var refused = Assert.Throws<InvalidOperationException>(() => RuleSet.Load(ShippedRules, withoutFever));

        Assert.False(withoutFever.QuestionsById.ContainsKey("fever"));
        Assert.Contains("is not sound", refused.Message, StringComparison.Ordinal);
        Assert.Contains("unknown question 'fever'", refused.Message, StringComparison.Ordinal);
    }
}
