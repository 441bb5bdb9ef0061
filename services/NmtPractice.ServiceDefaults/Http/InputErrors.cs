namespace NmtPractice.ServiceDefaults.Http;

/// <summary>
/// Collects every problem of a request by field (a JSON path such as <c>name.given</c>), then throws
/// them together as one 400 (<see cref="RequestValidationException"/>), so a caller fixes all at once.
/// Checks return the collector for chaining; readers (<see cref="RequiredText"/>...) return the clean value.
/// It keeps no more than a 400 shows (<see cref="ProblemExceptionHandler.MaxErrorFields"/> fields,
/// <see cref="ProblemExceptionHandler.MaxMessagesPerField"/> messages each) and counts the rest, so a
/// request with a hundred thousand bad items costs a counter, not a hundred thousand messages.
/// </summary>
public sealed class InputErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    private int _omitted;

    /// <summary>Whether any problem has been found.</summary>
    public bool Any => _errors.Count > 0;

    /// <summary>Problems found but not kept, beyond what a 400 shows.</summary>
    public int Omitted => _omitted;

    /// <summary>Records a problem with <paramref name="field"/>.</summary>
    public InputErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            if (_errors.Count >= ProblemExceptionHandler.MaxErrorFields)
            {
                _omitted++;
                return this;
            }

            messages = [];
            _errors[field] = messages;
        }

        if (messages.Count >= ProblemExceptionHandler.MaxMessagesPerField)
        {
            _omitted++;
            return this;
        }

        messages.Add(message);
        return this;
    }

    /// <summary>Records <paramref name="message"/> unless <paramref name="holds"/>.</summary>
    public InputErrors Require(bool holds, string field, string message) => holds ? this : Add(field, message);

    /// <summary>Text that must be present (unless not <paramref name="required"/>) and at most <paramref name="max"/> characters once trimmed.</summary>
    public InputErrors Text(string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, "Required.") : this;
        }

        return value.Trim().Length > max ? Add(field, $"At most {max} characters.") : this;
    }

    /// <summary>Required text, trimmed, at most <paramref name="maxLength"/> characters.</summary>
    public string RequiredText(string field, string? value, int maxLength)
    {
        Text(field, value, maxLength);
        return value?.Trim() ?? string.Empty;
    }

    /// <summary>Optional text, trimmed (blank becomes null), at most <paramref name="maxLength"/> characters.</summary>
    public string? OptionalText(string field, string? value, int maxLength)
    {
        Text(field, value, maxLength, required: false);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>A required whole number in a closed range.</summary>
    public int RequiredNumber(string field, int? value, int min, int max)
    {
        if (value is null)
        {
            Add(field, "Required.");
            return min;
        }

        return Number(field, value.Value, min, max);
    }

    /// <summary>A whole number in a closed range.</summary>
    public int Number(string field, int value, int min, int max)
    {
        Require(value >= min && value <= max, field, $"Must be between {min} and {max}.");
        return value;
    }

    /// <summary>Throws the 400 naming every problem found, if any.</summary>
    public void ThrowIfAny()
    {
        if (!Any)
        {
            return;
        }

        var errors = _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        if (_omitted > 0)
        {
            errors[ProblemExceptionHandler.MoreField] = [$"And {_omitted} more problems."];
        }

        throw new RequestValidationException(errors);
    }
}
