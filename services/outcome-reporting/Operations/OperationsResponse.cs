using Microsoft.Extensions.Options;

namespace NmtPractice.OutcomeReporting.Operations;

/// <summary>An operations view.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Period">day, week or month.</param>
/// <param name="MinimumGroupClients">Rows with fewer clients show no client figures.</param>
/// <param name="Rows">The rows, by period then location (then therapist).</param>
/// <param name="Freshness">How current the view is.</param>
public sealed record OperationsResponse<TRow>(DateOnly From, DateOnly To, string Period, int MinimumGroupClients, IReadOnlyList<TRow> Rows, Freshness Freshness);

/// <summary>What the operations views share: the rows of a range, and the answer (the view, or its rows as CSV with <c>format=csv</c>).</summary>
internal static class OperationsView
{
    /// <summary>The rows of the filter's days, at its locations.</summary>
    internal static IQueryable<T> InRange<T>(IQueryable<T> query, DashboardFilter filter)
        where T : ILocatedDay
    {
        query = query.Where(row => row.Date >= filter.From && row.Date <= filter.To);
        var locations = filter.LocationArray;
        return filter.Locations is null ? query : query.Where(row => locations.Contains(row.LocationId));
    }

    /// <summary>
    /// The view of <paramref name="rows"/> with the freshness read before the rows were (so it never claims more
    /// than the rows reflect); or the rows as a CSV file named after the view.
    /// </summary>
    internal static Results<Ok<OperationsResponse<TRow>>, FileContentHttpResult> Respond<TRow>(
        IReadOnlyList<TRow> rows, Freshness current, DashboardFilter filter, Period period, bool csv, string name, IOptions<OutcomeReportingOptions> options)
    {
        if (csv)
        {
            return Csv.File(rows, $"{name}-by-{period.Name()}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}");
        }

        return TypedResults.Ok(new OperationsResponse<TRow>(filter.From, filter.To, period.Name(), options.Value.MinimumGroupClients, rows, current));
    }
}
