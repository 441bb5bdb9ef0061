using System.Text.Json;
using System.Text.Json.Serialization;

namespace NmtPractice.Intake.Questionnaires;

/// <summary>The kinds of answer a question takes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))]
public enum QuestionType
{
    [JsonStringEnumMemberName("boolean")] Boolean,
    [JsonStringEnumMemberName("date")] Date,
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("number")] Number,
    [JsonStringEnumMemberName("choice")] Choice,
    [JsonStringEnumMemberName("multi-choice")] MultiChoice,
    [JsonStringEnumMemberName("regions")] Regions,
}

/// <summary>One question of the intake questionnaire.</summary>
public sealed record Question
{
    public required string Id { get; init; }

    public required QuestionType Type { get; init; }

    public required string Text { get; init; }

    /// <summary>Must be answered (a boolean with true or false, a text not blank, a list with at least one item).</summary>
    public bool Required { get; init; }

    /// <summary>Must be answered when this condition holds on the other answers.</summary>
    public Condition? RequiredWhen { get; init; }

    /// <summary>For choice and multi-choice: the allowed values.</summary>
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>For numbers.</summary>
    public decimal? Min { get; init; }

    /// <summary>For numbers.</summary>
    public decimal? Max { get; init; }

    /// <summary>For text.</summary>
    public int? MaxLength { get; init; }

    /// <summary>For dates: not after the day the intake is answered.</summary>
    public bool NotInFuture { get; init; }
}

/// <summary>A titled group of questions.</summary>
public sealed record QuestionnaireSection(string Id, string Title, IReadOnlyList<Question> Questions);

/// <summary>
/// A versioned intake questionnaire: health history, current conditions, medications, recent
/// surgeries and injuries, pregnancy, pain areas and goals. Data, not code: a new version is a new
/// file, and each submitted intake records the version it answered.
/// </summary>
public sealed record Questionnaire(string Id, int Version, string Title, IReadOnlyList<QuestionnaireSection> Sections)
{
    /// <summary>How questionnaire and rule-set files are read: comments allowed, unknown members refused.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The questions by id, with the sections they were built from: a copy made with <c>with</c> carries the
    /// field over, so the index is rebuilt when the sections are not the ones it was built from.</summary>
    private (IReadOnlyList<QuestionnaireSection> Sections, Dictionary<string, Question> ById)? _index;

    [JsonIgnore]
    public IReadOnlyDictionary<string, Question> QuestionsById
    {
        get
        {
            if (_index is not { } index || !ReferenceEquals(index.Sections, Sections))
            {
                index = (Sections, Sections.SelectMany(section => section.Questions).ToDictionary(question => question.Id, StringComparer.Ordinal));
                _index = index;
            }

            return index.ById;
        }
    }

    /// <summary>The questionnaire shipped with the service (embedded <c>intake-questionnaire.v*.json</c>).</summary>
    public static Questionnaire Current { get; } = Load("NmtPractice.Intake.Questionnaires.intake-questionnaire.v1.json");

    private static Questionnaire Load(string resource)
    {
        using var stream = typeof(Questionnaire).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded questionnaire {resource}.");
        var questionnaire = JsonSerializer.Deserialize<Questionnaire>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"Empty questionnaire {resource}.");
        var duplicates = questionnaire.Sections.SelectMany(s => s.Questions).GroupBy(q => q.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"Questionnaire {resource} repeats question ids: {string.Join(", ", duplicates)}.");
        }

        return questionnaire;
    }
}
