using System.Text.Json;
using NmtPractice.Intake.Questionnaires;
using NmtPractice.Intake.Screening;

namespace NmtPractice.Intake.Tests;

/// <summary>
/// The screening rules' condition language, one form at a time: what each form holds for, and that a
/// problem (an unknown question, a wrong form) is found however deep it is nested, so that a misspelt
/// question id can never load and leave a contraindication that never fires.
/// </summary>
public sealed class ConditionTests
{
    private static Condition Parse(string json) =>
        JsonSerializer.Deserialize<Condition>(json, Questionnaire.JsonOptions) ?? throw new InvalidOperationException("no condition");

    private static bool Holds(string json, int? age = 40, params (string Id, object? Value)[] changes) =>
        Parse(json).Holds(new ScreeningContext(new AnswerSet(IntakeAnswers.Healthy(changes)), IntakeAnswers.Today, age));

    private static List<string> Problems(string json) => [.. Parse(json).Problems(Questionnaire.Current.QuestionsById)];

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Is_holds_when_the_answer_equals_the_value(bool fever, bool holds) =>
        Assert.Equal(holds, Holds("""{"answer": "fever", "is": true}""", changes: ("fever", fever)));

    [Theory]
    [InlineData("high-risk", true)]
    [InlineData("not-sure", true)]
    [InlineData("low-risk", false)]
    public void In_holds_when_a_single_answer_is_one_of_the_values(string risk, bool holds) =>
        Assert.Equal(holds, Holds("""{"answer": "pregnancy_risk", "in": ["high-risk", "not-sure"]}""", changes: [("pregnant", true), ("pregnancy_weeks", 20), ("pregnancy_risk", risk)]));

    [Fact]
    public void In_over_a_multiple_choice_holds_when_any_chosen_item_is_one_of_the_values()
    {
        const string calf = """{"answer": "varicose_vein_regions", "in": ["calf-left"]}""";
        Assert.True(Holds(calf, changes: ("varicose_vein_regions", new[] { "thigh-anterior-right", "calf-left" })));
        Assert.False(Holds(calf, changes: ("varicose_vein_regions", new[] { "calf-right" })));
        Assert.False(Holds(calf, changes: ("varicose_vein_regions", Array.Empty<string>())));
        Assert.True(Holds("""{"answer": "varicose_vein_regions", "in": ["calf-left", "calf-right"]}""", changes: ("varicose_vein_regions", new[] { "calf-right" })));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Is_false_holds_when_the_answer_is_no(bool fever, bool holds) =>
        Assert.Equal(holds, Holds("""{"answer": "fever", "is": false}""", changes: ("fever", fever)));

    [Fact]
    public void A_condition_with_no_form_holds_for_no_one() =>
        Assert.False(Holds("""{"answer": "fever"}""", changes: ("fever", true)));

    [Fact]
    public void Answered_tells_an_answered_question_from_an_unanswered_one()
    {
        Assert.True(Holds("""{"answer": "medications", "answered": true}"""));
        Assert.False(Holds("""{"answer": "medications", "answered": false}"""));
        Assert.True(Holds("""{"answer": "heart_attack_date", "answered": false}"""));
    }

    [Theory]
    [InlineData("2026-11-24", true)]  // today
    [InlineData("2026-05-24", true)]  // exactly six months ago
    [InlineData("2026-05-23", false)] // a day more
    [InlineData("2026-11-25", false)] // a date in the future is not "within the last six months"
    public void Within_months_holds_from_that_many_months_ago_up_to_today(string date, bool holds) =>
        Assert.Equal(holds, Parse("""{"answer": "heart_attack_date", "withinMonths": 6}""").Holds(
            new ScreeningContext(new AnswerSet(new Dictionary<string, JsonElement> { ["heart_attack_date"] = JsonSerializer.SerializeToElement(date) }), IntakeAnswers.Today, 40)));

    [Theory]
    [InlineData(79, false)]
    [InlineData(80, true)]
    [InlineData(81, true)]
    public void Age_at_least_holds_from_that_birthday(int age, bool holds) =>
        Assert.Equal(holds, Holds("""{"age": {"atLeast": 80}}""", age));

    [Theory]
    [InlineData(17, true)]
    [InlineData(18, false)]
    public void Age_below_holds_until_that_birthday(int age, bool holds) =>
        Assert.Equal(holds, Holds("""{"age": {"below": 18}}""", age));

    [Fact]
    public void Age_holds_for_nobody_whose_age_is_unknown()
    {
        Assert.False(Holds("""{"age": {"atLeast": 0}}""", age: null));
        Assert.False(Holds("""{"age": {"below": 200}}""", age: null));
    }

    [Fact]
    public void All_any_and_not_combine_their_conditions()
    {
        const string fever = """{"answer": "fever", "is": true}""";
        const string dvt = """{"answer": "dvt_signs", "is": true}""";
        (string, object?)[] onlyFever = [("fever", true)];

        Assert.False(Holds($$"""{"all": [{{fever}}, {{dvt}}]}""", changes: onlyFever));
        Assert.True(Holds($$"""{"all": [{{fever}}, {{dvt}}]}""", changes: [("fever", true), ("dvt_signs", true)]));
        Assert.True(Holds($$"""{"any": [{{fever}}, {{dvt}}]}""", changes: onlyFever));
        Assert.False(Holds($$"""{"any": [{{fever}}, {{dvt}}]}"""));
        Assert.False(Holds($$"""{"not": {{fever}}}""", changes: onlyFever));
        Assert.True(Holds($$"""{"not": {{fever}}}"""));
    }

    [Fact]
    public void A_sound_condition_has_no_problems() =>
        Assert.Empty(Problems("""{"all": [{"answer": "fever", "is": true}, {"not": {"age": {"below": 18}}}, {"any": [{"answer": "heart_attack_date", "withinMonths": 6}]}]}"""));

    [Theory]
    [InlineData("""{"answer": "fevr", "is": true}""")]
    [InlineData("""{"all": [{"answer": "fever", "is": true}, {"answer": "fevr", "is": true}]}""")]
    [InlineData("""{"any": [{"answer": "fevr", "is": true}]}""")]
    [InlineData("""{"not": {"answer": "fevr", "is": true}}""")]
    [InlineData("""{"all": [{"any": [{"not": {"answer": "fevr", "is": true}}]}]}""")]
    public void An_unknown_question_is_a_problem_however_deep_it_is(string json) =>
        Assert.Contains("names an unknown question 'fevr'", Problems(json));

    [Theory]
    [InlineData("""{"answer": "fever"}""", "has 0")]
    [InlineData("""{"answer": "fever", "is": true, "answered": true}""", "has 2")]
    [InlineData("""{"not": {"answer": "fever", "is": true, "answered": true}}""", "has 2")]
    [InlineData("""{"answer": "fevr", "is": true, "answered": true}""", "has 2")]
    public void A_condition_needs_exactly_one_form_and_one_without_it_is_not_checked_further(string json, string count) =>
        Assert.Equal([$"a condition must have exactly one of is, in, answered, withinMonths, age, all, any, not ({count})"], Problems(json));

    [Fact]
    public void A_condition_refuses_a_missing_context_or_question_list_by_name()
    {
        var condition = Parse("""{"answer": "fever", "is": true}""");

        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => condition.Holds(null!)).ParamName);
        Assert.Equal("questions", Assert.Throws<ArgumentNullException>(() => condition.Problems(null!).ToList()).ParamName);
    }

    [Theory]
    [InlineData("""{"answer": "fever", "withinMonths": 6}""")]
    [InlineData("""{"any": [{"answer": "fever", "withinMonths": 6}]}""")]
    public void Within_months_needs_a_date_question(string json) =>
        Assert.Contains(Problems(json), problem => problem.StartsWith("withinMonths needs a date question, 'fever' is", StringComparison.Ordinal));
}
