using NmtPractice.Contracts.Scheduling;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Scheduling.Practice;

/// <summary>The checks of practice-structure requests that <see cref="InputErrors"/> does not know: weekly hours and time zones.</summary>
internal static class PracticeValidation
{
    public static InputErrors Hours(this InputErrors errors, string field, IReadOnlyList<WeeklyHours>? hours)
    {
        foreach (var problem in WeeklySchedule.Problems(hours))
        {
            errors.Add(field, problem);
        }

        return errors;
    }

    public static InputErrors TimeZone(this InputErrors errors, string field, string? zone) =>
        errors.Require(
            !string.IsNullOrWhiteSpace(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId,
            field,
            "Use an IANA time zone, for example America/New_York.");
}
