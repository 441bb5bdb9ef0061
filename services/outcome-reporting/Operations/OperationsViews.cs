using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NmtPractice.OutcomeReporting.Dashboards;
using NmtPractice.OutcomeReporting.Operations.Appointments;
using NmtPractice.OutcomeReporting.Operations.Availability;
using NmtPractice.OutcomeReporting.Operations.Screenings;
using NmtPractice.OutcomeReporting.Operations.Utilisation;
using NmtPractice.OutcomeReporting.Operations.Waitlist;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.OutcomeReporting.Operations;

/// <summary>An operations view.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Period">day, week or month.</param>
/// <param name="MinimumGroupClients">Rows with fewer clients show no client figures.</param>
/// <param name="Rows">The rows, by period then location (then therapist).</param>
/// <param name="Freshness">How current the view is.</param>
public sealed record OperationsResponse<TRow>(DateOnly From, DateOnly To, string Period, int MinimumGroupClients, IReadOnlyList<TRow> Rows, Freshness Freshness);

/// <summary>The operations dashboard's endpoints; <c>format=csv</c> exports the rows.</summary>
internal static class OperationsViews
{
    /// <summary><c>GET /api/outcomes/operations/utilisation?from&amp;to&amp;locationId&amp;therapistId&amp;period&amp;by=location|therapist</c>.</summary>
    internal static async Task<Results<Ok<OperationsResponse<UtilisationRow>>, FileContentHttpResult>> Utilisation(
        DateOnly? from, DateOnly? to, Guid[]? locationId, Guid[]? therapistId, string? period, string? by, string? format,
        IQuerySession session, CurrentUser user, FreshnessReader freshness, IOptions<OutcomeReportingOptions> options, CancellationToken cancellationToken)
    {
        var grouping = Periods.Parse(period);
        var byTherapist = by?.ToLowerInvariant() switch
        {
            null or "" or "location" => false,
            "therapist" => true,
            _ => throw new RequestValidationException("by", "One of location, therapist."),
        };
        var csv = Csv.Wanted(format);
        var filter = DashboardFilter.Create(from, to, locationId, therapistId, user);

        var appointments = (await InRange(session.Query<AppointmentFacts>(), filter).ToListAsync(cancellationToken))
            .Where(appointment => filter.IncludesTherapist(appointment.TherapistId))
            .ToList();
        var firsts = await FirstAppointmentsAsync(session, appointments, filter.To, cancellationToken);
        var therapists = await session.Query<TherapistAvailability>().ToListAsync(cancellationToken);
        var calendars = (await session.Query<LocationCalendar>().ToListAsync(cancellationToken)).ToDictionary(calendar => calendar.Id);

        var rows = UtilisationRows.Compute(filter, grouping, byTherapist, appointments, firsts, therapists, calendars, options.Value.MinimumGroupClients);
        return await RespondAsync(rows, filter, grouping, csv, "utilisation", session, freshness, options,
            [typeof(AppointmentFacts), typeof(ClientHistory), typeof(TherapistAvailability), typeof(LocationCalendar)], cancellationToken);
    }

    /// <summary><c>GET /api/outcomes/operations/screenings?from&amp;to&amp;locationId&amp;period</c>.</summary>
    internal static async Task<Results<Ok<OperationsResponse<ScreeningOutcomeRow>>, FileContentHttpResult>> Screenings(
        DateOnly? from, DateOnly? to, Guid[]? locationId, string? period, string? format,
        IQuerySession session, CurrentUser user, FreshnessReader freshness, IOptions<OutcomeReportingOptions> options, CancellationToken cancellationToken)
    {
        var grouping = Periods.Parse(period);
        var csv = Csv.Wanted(format);
        var filter = DashboardFilter.Create(from, to, locationId, null, user);
        var days = await InRange(session.Query<ScreeningDay>(), filter).ToListAsync(cancellationToken);
        var rows = ScreeningOutcomes.Rows(days, grouping, options.Value.MinimumGroupClients);
        return await RespondAsync(rows, filter, grouping, csv, "screenings", session, freshness, options, [typeof(ScreeningDay)], cancellationToken);
    }

    /// <summary><c>GET /api/outcomes/operations/waitlist?from&amp;to&amp;locationId&amp;period</c>.</summary>
    internal static async Task<Results<Ok<OperationsResponse<WaitlistActivityRow>>, FileContentHttpResult>> Waitlist(
        DateOnly? from, DateOnly? to, Guid[]? locationId, string? period, string? format,
        IQuerySession session, CurrentUser user, FreshnessReader freshness, IOptions<OutcomeReportingOptions> options, CancellationToken cancellationToken)
    {
        var grouping = Periods.Parse(period);
        var csv = Csv.Wanted(format);
        var filter = DashboardFilter.Create(from, to, locationId, null, user);
        var offers = await InRange(session.Query<WaitlistOfferDay>(), filter).ToListAsync(cancellationToken);
        var fills = await InRange(session.Query<AppointmentFacts>(), filter).Where(appointment => appointment.FromWaitlist).ToListAsync(cancellationToken);
        var rows = WaitlistActivity.Rows(offers, fills, grouping, options.Value.MinimumGroupClients);
        return await RespondAsync(rows, filter, grouping, csv, "waitlist", session, freshness, options,
            [typeof(WaitlistOfferDay), typeof(AppointmentFacts)], cancellationToken);
    }

    /// <summary>
    /// Each client's first appointment (not cancelled) anywhere in the chain, for the clients in the view,
    /// from the client's history summary (one small document per client, whatever the length of the history).
    /// </summary>
    private static async Task<IReadOnlySet<Guid>> FirstAppointmentsAsync(
        IQuerySession session, IReadOnlyList<AppointmentFacts> appointments, DateOnly until, CancellationToken cancellationToken)
    {
        var clients = appointments.Select(appointment => appointment.ClientId).Distinct().ToArray();
        if (clients.Length == 0)
        {
            return new HashSet<Guid>();
        }

        var firsts = await session.Query<ClientHistory>()
            .Where(history => clients.Contains(history.Id))
            .Select(history => new { history.FirstAppointmentId })
            .ToListAsync(cancellationToken);
        return firsts.Select(first => first.FirstAppointmentId).OfType<Guid>().ToHashSet();
    }

    private static IQueryable<T> InRange<T>(IQueryable<T> query, DashboardFilter filter)
        where T : ILocatedDay
    {
        query = query.Where(row => row.Date >= filter.From && row.Date <= filter.To);
        var locations = filter.LocationArray;
        return filter.Locations is null ? query : query.Where(row => locations.Contains(row.LocationId));
    }

    private static async Task<Results<Ok<OperationsResponse<TRow>>, FileContentHttpResult>> RespondAsync<TRow>(
        IReadOnlyList<TRow> rows, DashboardFilter filter, Period period, bool csv, string name,
        IQuerySession session, FreshnessReader freshness, IOptions<OutcomeReportingOptions> options, Type[] readModels, CancellationToken cancellationToken)
    {
        if (csv)
        {
            return Csv.File(rows, $"{name}-by-{period.Name()}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}");
        }

        return TypedResults.Ok(new OperationsResponse<TRow>(
            filter.From, filter.To, period.Name(), options.Value.MinimumGroupClients, rows,
            await freshness.ReadAsync(session, readModels, cancellationToken)));
    }
}
