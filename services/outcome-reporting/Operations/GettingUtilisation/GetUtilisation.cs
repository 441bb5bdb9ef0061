using Microsoft.Extensions.Options;
using NmtPractice.OutcomeReporting.Operations.Availability;

namespace NmtPractice.OutcomeReporting.Operations.GettingUtilisation;

/// <summary><c>GET /api/outcomes/operations/utilisation?from&amp;to&amp;locationId&amp;therapistId&amp;period&amp;by=location|therapist&amp;format</c>.</summary>
internal static class GetUtilisationEndpoint
{
    internal static async Task<Results<Ok<OperationsResponse<UtilisationRow>>, FileContentHttpResult>> Handle(
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

        var current = await freshness.ReadAsync(
            session, [typeof(AppointmentFacts), typeof(ClientHistory), typeof(TherapistAvailability), typeof(LocationCalendar)], cancellationToken);
        var appointments = (await OperationsView.InRange(session.Query<AppointmentFacts>(), filter).ToListAsync(cancellationToken))
            .Where(appointment => filter.IncludesTherapist(appointment.TherapistId))
            .ToList();
        var firsts = await FirstAppointmentsAsync(session, appointments, cancellationToken);
        var therapists = await session.Query<TherapistAvailability>().ToListAsync(cancellationToken);
        var calendars = (await session.Query<LocationCalendar>().ToListAsync(cancellationToken)).ToDictionary(calendar => calendar.Id);

        var rows = UtilisationRows.Compute(filter, grouping, byTherapist, appointments, firsts, therapists, calendars, options.Value.MinimumGroupClients);
        return OperationsView.Respond(rows, current, filter, grouping, csv, "utilisation", options);
    }

    /// <summary>
    /// Each client's first appointment (not cancelled) anywhere in the chain, for the clients in the view,
    /// from the client's history summary (one small document per client, whatever the length of the history).
    /// </summary>
    private static async Task<IReadOnlySet<Guid>> FirstAppointmentsAsync(
        IQuerySession session, IReadOnlyList<AppointmentFacts> appointments, CancellationToken cancellationToken)
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
}
