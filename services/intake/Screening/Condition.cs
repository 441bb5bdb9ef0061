using System.Text.Json;

namespace NmtPractice.Intake.Screening;

/// <summary>What a condition is evaluated against: the answers, the day of screening and the client's age.</summary>
public sealed record ScreeningContext(AnswerSet Answers, DateOnly Today, int? AgeInYears);

/// <summary>An age bound.</summary>
public sealed record AgeCondition(int? AtLeast, int? Below);

/// <summary>
/// The condition language of the screening rules and of conditional questions, written in JSON.
/// Exactly one form per condition:
/// <c>{"answer": "q", "is": true}</c>, <c>{"answer": "q", "in": ["a", "b"]}</c>,
/// <c>{"answer": "q", "answered": true}</c>, <c>{"answer": "q", "withinMonths": 6}</c> (a date answer
/// no longer ago than that), <c>{"age": {"atLeast": 80}}</c>, <c>{"all": [...]}</c>,
/// <c>{"any": [...]}</c>, <c>{"not": {...}}</c>.
/// </summary>
public sealed record Condition
{
    public string? Answer { get; init; }

    public JsonElement? Is { get; init; }

    public IReadOnlyList<JsonElement>? In { get; init; }

    public bool? Answered { get; init; }

    public int? WithinMonths { get; init; }

    public AgeCondition? Age { get; init; }

    public IReadOnlyList<Condition>? All { get; init; }

    public IReadOnlyList<Condition>? Any { get; init; }

    public Condition? Not { get; init; }

    /// <summary>Whether the condition holds.</summary>
    public bool Holds(ScreeningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (All is { } all)
        {
            return all.All(condition => condition.Holds(context));
        }

        if (Any is { } any)
        {
            return any.Any(condition => condition.Holds(context));
        }

        if (Not is { } not)
        {
            return !not.Holds(context);
        }

        if (Age is { } age)
        {
            return context.AgeInYears is { } years
                && (age.AtLeast is null || years >= age.AtLeast)
                && (age.Below is null || years < age.Below);
        }

        var answers = context.Answers;
        var id = Answer!;
        if (Is is { } expected)
        {
            return answers.Scalar(id) is { } actual && actual == Scalar(expected);
        }

        if (In is { } options)
        {
            return answers.Scalar(id) is { } actual && options.Any(option => Scalar(option) == actual)
                || answers.List(id).Any(item => options.Any(option => Scalar(option) == item));
        }

        if (Answered is { } answered)
        {
            return answers.IsAnswered(id) == answered;
        }

        if (WithinMonths is { } months)
        {
            return answers.Date(id) is { } date && date <= context.Today && date >= context.Today.AddMonths(-months);
        }

        return false;
    }

    /// <summary>Problems with this condition's form or the questions it names; empty when sound.</summary>
    public IEnumerable<string> Problems(IReadOnlyDictionary<string, Question> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var forms = new object?[] { Is, In, Answered, WithinMonths, Age, All, Any, Not }.Count(form => form is not null);
        if (forms != 1)
        {
            yield return $"a condition must have exactly one of is, in, answered, withinMonths, age, all, any, not (has {forms})";
            yield break;
        }

        var needsAnswer = Is is not null || In is not null || Answered is not null || WithinMonths is not null;
        if (needsAnswer && (Answer is null || !questions.ContainsKey(Answer)))
        {
            yield return $"names an unknown question '{Answer}'";
        }

        if (WithinMonths is not null && Answer is not null && questions.TryGetValue(Answer, out var dated) && dated.Type != QuestionType.Date)
        {
            yield return $"withinMonths needs a date question, '{Answer}' is {dated.Type}";
        }

        foreach (var inner in (All ?? []).Concat(Any ?? []).Concat(Not is null ? [] : [Not]))
        {
            foreach (var problem in inner.Problems(questions))
            {
                yield return problem;
            }
        }
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
