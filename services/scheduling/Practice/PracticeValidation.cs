using NmtPractice.Contracts.Scheduling;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Scheduling.Practice;

/// <summary>Collects every bad field of a request, then throws one 400 naming them all.</summary>
internal sealed class Problems
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public Problems Text(string field, string? value, int max, bool required = true)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            _errors[field] = ["Required."];
        }
        else if (value is not null && value.Trim().Length > max)
        {
            _errors[field] = [$"At most {max} characters."];
        }

        return this;
    }

    public Problems Hours(string field, IReadOnlyList<WeeklyHours>? hours)
    {
        var problems = WeeklySchedule.Problems(hours).ToArray();
        if (problems.Length > 0)
        {
            _errors[field] = problems;
        }

        return this;
    }

    public Problems TimeZone(string field, string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) || !found.HasIanaId)
        {
            _errors[field] = ["Use an IANA time zone, for example America/New_York."];
        }

        return this;
    }

    public Problems Require(bool holds, string field, string message)
    {
        if (!holds)
        {
            _errors[field] = [message];
        }

        return this;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new RequestValidationException(_errors);
        }
    }
}
