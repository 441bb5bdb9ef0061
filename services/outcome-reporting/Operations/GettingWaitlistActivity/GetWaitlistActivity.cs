using Microsoft.Extensions.Options;

namespace NmtPractice.OutcomeReporting.Operations.GettingWaitlistActivity;

/// <summary><c>GET /api/outcomes/operations/waitlist?from&amp;to&amp;locationId&amp;period&amp;format</c>.</summary>
internal static class GetWaitlistActivityEndpoint
{
    internal static async Task<Results<Ok<OperationsResponse<WaitlistActivityRow>>, FileContentHttpResult>> Handle(
        DateOnly? from, DateOnly? to, Guid[]? locationId, string? period, string? format,
        IQuerySession session, CurrentUser user, FreshnessReader freshness, IOptions<OutcomeReportingOptions> options, CancellationToken cancellationToken)
    {
        var grouping = Periods.Parse(period);
        var csv = Csv.Wanted(format);
        var filter = DashboardFilter.Create(from, to, locationId, null, user);
        var current = await freshness.ReadAsync(session, [typeof(WaitlistOfferDay), typeof(AppointmentFacts)], cancellationToken);
        var offers = await OperationsView.InRange(session.Query<WaitlistOfferDay>(), filter).ToListAsync(cancellationToken);
        var fills = await OperationsView.InRange(session.Query<AppointmentFacts>(), filter).Where(appointment => appointment.FromWaitlist).ToListAsync(cancellationToken);
        var rows = WaitlistActivity.Rows(offers, fills, grouping, options.Value.MinimumGroupClients);
        return OperationsView.Respond(rows, current, filter, grouping, csv, "waitlist", options);
    }
}
