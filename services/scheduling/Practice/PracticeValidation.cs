using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Practice;

/// <summary>The checks of practice-structure requests that <see cref="InputErrors"/> does not know: a location's details, weekly hours and time zones.</summary>
internal static class PracticeValidation
{
    /// <summary>A location's name, postal address and IANA time zone, as opened and as changed.</summary>
    public static InputErrors LocationDetails(this InputErrors errors, string? name, Address? address, string? timeZone) =>
        errors
            .Text("name", name, 100)
            .Require(address is not null, "address", "Required.")
            .Text("address.line1", address?.Line1, 200, required: address is not null)
            .Text("address.city", address?.City, 100, required: address is not null)
            .Text("address.postalCode", address?.PostalCode, 20, required: address is not null)
            .Text("address.country", address?.Country, 56, required: address is not null)
            .TimeZone("timeZone", timeZone);

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

    /// <summary>
    /// A period from <paramref name="from"/> to <paramref name="to"/>: both required, the end not before
    /// the start (or after it, unless <paramref name="endMayEqualStart"/>), and at most a year long.
    /// </summary>
    public static InputErrors Period<T>(this InputErrors errors, T? from, T? to, bool endMayEqualStart, Func<T, T, bool> atMostAYear)
        where T : struct, IComparable<T> =>
        errors
            .Require(from is not null, "from", "Required.")
            .Require(
                to is { } end && (from is not { } start || end.CompareTo(start) > (endMayEqualStart ? -1 : 0)),
                "to",
                endMayEqualStart ? "Required, and not before 'from'." : "Required, and after 'from'.")
            .Require(from is not { } first || to is not { } last || atMostAYear(first, last), "to", "At most a year at a time.");
}
