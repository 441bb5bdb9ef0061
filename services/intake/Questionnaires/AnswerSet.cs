using System.Globalization;
using System.Text.Json;
using NmtPractice.Contracts.Anatomy;

namespace NmtPractice.Intake.Questionnaires;

/// <summary>
/// The answers of one intake, keyed by question id, as submitted (JSON values). Typed readers return
/// null or empty for a question that was not answered.
/// </summary>
public sealed class AnswerSet(IReadOnlyDictionary<string, JsonElement> values)
{
    public IReadOnlyDictionary<string, JsonElement> Values { get; } = values;

    public static AnswerSet Empty { get; } = new(new Dictionary<string, JsonElement>());

    public bool IsAnswered(string id) => Values.TryGetValue(id, out var value) && value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => false,
        JsonValueKind.String => !string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() > 0,
        _ => true,
    };

    public bool? Bool(string id) => Values.TryGetValue(id, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
        ? value.GetBoolean()
        : null;

    public string? Text(string id) => Values.TryGetValue(id, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public DateOnly? Date(string id) =>
        Text(id) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public decimal? Number(string id) => Values.TryGetValue(id, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;

    public IReadOnlyList<string> List(string id) => Values.TryGetValue(id, out var value) && value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList()
        : [];

    /// <summary>The value compared as a scalar (string, boolean or number), for equality conditions.</summary>
    public string? Scalar(string id) => Values.TryGetValue(id, out var value) ? value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    } : null;
}

/// <summary>Checks answers against the questionnaire: every bad field is reported, by question id.</summary>
public static class AnswerValidator
{
    /// <summary>
    /// The problems of <paramref name="answers"/>, as of <paramref name="today"/> (the screening's day);
    /// a date answer is in the future only when after <paramref name="latestToday"/> (the latest day
    /// anywhere, since the client answers in their location's day), which defaults to <paramref name="today"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(
        Questionnaire questionnaire,
        IReadOnlyDictionary<string, JsonElement> answers,
        DateOnly today,
        DateOnly? latestToday = null)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var set = new AnswerSet(answers);

        foreach (var id in answers.Keys.Where(id => !questionnaire.QuestionsById.ContainsKey(id)))
        {
            errors[Key(id)] = [$"Not a question of questionnaire {questionnaire.Id} v{questionnaire.Version}."];
        }

        foreach (var question in questionnaire.QuestionsById.Values)
        {
            if (answers.TryGetValue(question.Id, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
                && Check(question, value, latestToday ?? today) is { } problem)
            {
                errors[Key(question.Id)] = [problem];
                continue;
            }

            var needed = question.Required
                || (question.RequiredWhen is { } condition && condition.Holds(new Screening.ScreeningContext(set, today, null)));
            if (needed && !set.IsAnswered(question.Id) && !(question.Type == QuestionType.Boolean && set.Bool(question.Id) is not null))
            {
                errors[Key(question.Id)] = ["An answer is required."];
            }
        }

        return errors;
    }

    private static string Key(string id) => $"answers.{id}";

    private static string? Check(Question question, JsonElement value, DateOnly today) => question.Type switch
    {
        QuestionType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "Answer true or false.",
        QuestionType.Text => value.ValueKind != JsonValueKind.String
            ? "Answer with text."
            : question.MaxLength is { } max && value.GetString()!.Length > max ? $"At most {max} characters."
            : !PlainTextConverter.IsPlainText(value.GetString()!) ? "Control characters are not allowed in text." : null,
        QuestionType.Number => value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number)
            ? "Answer with a number."
            : (question.Min is { } min && number < min) || (question.Max is { } top && number > top)
                ? $"Between {question.Min} and {question.Max}."
                : null,
        QuestionType.Date => value.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? "Answer with a date as yyyy-MM-dd."
            : question.NotInFuture && date > today ? "The date cannot be in the future." : null,
        QuestionType.Choice => value.ValueKind == JsonValueKind.String && question.Options!.Contains(value.GetString()!)
            ? null
            : $"Choose one of: {string.Join(", ", question.Options!)}.",
        QuestionType.MultiChoice => CheckList(value, item => question.Options!.Contains(item), $"Choose from: {string.Join(", ", question.Options!)}."),
        QuestionType.Regions => CheckList(value, BodyRegions.IsKnown, "Use body-region codes (GET /api/intake/body-regions)."),
        _ => "Unsupported question type.",
    };

    private static string? CheckList(JsonElement value, Func<string, bool> allowed, string message)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return "Answer with a list.";
        }

        var items = value.EnumerateArray().Select(item => item.GetString()!).ToList();
        if (items.Count != items.Distinct(StringComparer.Ordinal).Count())
        {
            return "An item appears twice.";
        }

        var unknown = items.Where(item => !allowed(item)).ToList();
        return unknown.Count > 0 ? $"Unknown: {string.Join(", ", unknown)}. {message}" : null;
    }
}
