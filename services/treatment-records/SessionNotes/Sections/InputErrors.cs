using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.TreatmentRecords.SessionNotes.Sections;

/// <summary>Collects every problem of a request, by JSON path, and throws them together as one 400.</summary>
internal sealed class InputErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var messages))
        {
            messages = [];
            _errors[path] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Required text, trimmed, at most <paramref name="maxLength"/> characters.</summary>
    public string RequiredText(string path, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, "Required.");
            return string.Empty;
        }

        return OptionalText(path, value, maxLength) ?? string.Empty;
    }

    /// <summary>Optional text, trimmed (blank becomes null), at most <paramref name="maxLength"/> characters.</summary>
    public string? OptionalText(string path, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(path, $"At most {maxLength} characters.");
        }

        return trimmed;
    }

    /// <summary>A required whole number in a closed range.</summary>
    public int RequiredNumber(string path, int? value, int min, int max)
    {
        if (value is null)
        {
            Add(path, "Required.");
            return min;
        }

        return Number(path, value.Value, min, max);
    }

    public int Number(string path, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Add(path, $"Must be between {min} and {max}.");
        }

        return value;
    }

    /// <summary>A rating on the 0-10 numeric pain rating scale.</summary>
    public int Rating(string path, int? value) => RequiredNumber(path, value, PainScale.Min, PainScale.Max);

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new RequestValidationException(_errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}

/// <summary>The numeric pain rating scale (NPRS): 0 no pain, 10 worst imaginable.</summary>
public static class PainScale
{
    public const int Min = 0;
    public const int Max = 10;
}
