using Microsoft.Extensions.Options;

namespace NmtPractice.OutcomeReporting.Operations.GettingScreeningOutcomes;

/// <summary><c>GET /api/outcomes/operations/screenings?from&amp;to&amp;locationId&amp;period&amp;format</c>.</summary>
internal static class GetScreeningOutcomesEndpoint
{
    internal static async Task<Results<Ok<OperationsResponse<ScreeningOutcomeRow>>, FileContentHttpResult>> Handle(
        DateOnly? from, DateOnly? to, Guid[]? locationId, string? period, string? format,
        IQuerySession session, CurrentUser user, FreshnessReader freshness, IOptions<OutcomeReportingOptions> options, CancellationToken cancellationToken)
    {
        var grouping = Periods.Parse(period);
        var csv = Csv.Wanted(format);
        var filter = DashboardFilter.Create(from, to, locationId, null, user);
        var current = await freshness.ReadAsync(session, [typeof(ScreeningDay)], cancellationToken);
        var days = await OperationsView.InRange(session.Query<ScreeningDay>(), filter).ToListAsync(cancellationToken);
        var rows = ScreeningOutcomes.Rows(days, grouping, options.Value.MinimumGroupClients);
        return OperationsView.Respond(rows, current, filter, grouping, csv, "screenings", options);
    }
}
