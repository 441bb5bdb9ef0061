namespace NmtPractice.OutcomeReporting.Dashboards;

/// <summary>How rows are grouped in time: by day, by ISO week (starting Monday) or by calendar month.</summary>
public enum Period
{
    Day,
    Week,
    Month,
}

public static class Periods
{
    public static Period Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "day" => Period.Day,
        "week" => Period.Week,
        "month" => Period.Month,
        _ => throw new RequestValidationException("period", "One of day, week, month."),
    };

    /// <summary>The first day of the period holding <paramref name="date"/>.</summary>
    public static DateOnly Start(this Period period, DateOnly date) => period switch
    {
        Period.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        Period.Month => new DateOnly(date.Year, date.Month, 1),
        _ => date,
    };

    public static string Name(this Period period) => period.ToString().ToLowerInvariant();
}
