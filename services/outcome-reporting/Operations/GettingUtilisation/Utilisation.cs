using NmtPractice.OutcomeReporting.Operations.Availability;

namespace NmtPractice.OutcomeReporting.Operations.GettingUtilisation;

/// <summary>
/// How a location (or one therapist there) ran in a period. Hours are always shown; the figures
/// about clients are null (and <see cref="Suppressed"/> true) when fewer distinct clients than the
/// minimum had appointments in the row.
/// </summary>
/// <param name="PeriodStart">First day of the day, week or month.</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist (null in rows per location).</param>
/// <param name="AvailableMinutes">Working hours less time off and closures.</param>
/// <param name="BookedMinutes">Minutes of appointments that were not cancelled.</param>
/// <param name="Utilisation">Booked over available (null when nothing was available).</param>
/// <param name="Suppressed">Too few clients to show the client figures.</param>
/// <param name="Appointments">Appointments starting in the row, cancelled ones included.</param>
/// <param name="NoShows">Appointments marked no-show.</param>
/// <param name="NoShowRate">No-shows over appointments not cancelled.</param>
/// <param name="Cancellations">Cancelled appointments.</param>
/// <param name="LateCancellations">Of those, cancelled inside the notice window.</param>
/// <param name="LateCancellationRate">Late cancellations over all appointments.</param>
/// <param name="NewClients">Clients whose first appointment in the chain is in the row.</param>
/// <param name="ReturningClients">Clients in the row who had been before.</param>
/// <param name="RemindedAppointments">Appointments not cancelled whose client a reminder reached.</param>
/// <param name="NoShowRateReminded">No-shows over those (null when there were none).</param>
/// <param name="NoShowRateNotReminded">No-shows over the appointments not cancelled that no reminder reached (null when there were none).</param>
public sealed record UtilisationRow(
    DateOnly PeriodStart,
    Guid LocationId,
    Guid? TherapistId,
    int AvailableMinutes,
    int BookedMinutes,
    double? Utilisation,
    bool Suppressed,
    int? Appointments,
    int? NoShows,
    double? NoShowRate,
    int? Cancellations,
    int? LateCancellations,
    double? LateCancellationRate,
    int? NewClients,
    int? ReturningClients,
    int? RemindedAppointments = null,
    double? NoShowRateReminded = null,
    double? NoShowRateNotReminded = null);

/// <summary>Pure computation of <see cref="UtilisationRow"/>s.</summary>
public static class UtilisationRows
{
    /// <param name="filter">Range and filters.</param>
    /// <param name="period">Day, week or month rows.</param>
    /// <param name="byTherapist">One row per therapist and location instead of per location.</param>
    /// <param name="appointments">Appointments in the range and filters.</param>
    /// <param name="firstAppointments">Each client's first appointment in the chain (see <see cref="FirstAppointments"/>).</param>
    /// <param name="therapists">Every therapist's hours and time off.</param>
    /// <param name="locations">Every location's calendar, by id.</param>
    /// <param name="minimumClients">Suppression threshold.</param>
    public static IReadOnlyList<UtilisationRow> Compute(
        DashboardFilter filter,
        Period period,
        bool byTherapist,
        IReadOnlyList<AppointmentFacts> appointments,
        IReadOnlySet<Guid> firstAppointments,
        IReadOnlyList<TherapistAvailability> therapists,
        IReadOnlyDictionary<Guid, LocationCalendar> locations,
        int minimumClients)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(therapists);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(firstAppointments);

        // Available minutes per (period, location, therapist).
        var available = new Dictionary<(DateOnly, Guid, Guid), int>();
        foreach (var therapist in therapists.Where(therapist => filter.IncludesTherapist(therapist.Id)))
        {
            foreach (var location in therapist.Locations.Where(filter.Includes))
            {
                locations.TryGetValue(location, out var calendar);
                for (var day = filter.From; day <= filter.To; day = day.AddDays(1))
                {
                    var minutes = AvailableMinutes.On(day, location, therapist, calendar);
                    if (minutes > 0)
                    {
                        var key = (period.Start(day), location, therapist.Id);
                        available[key] = available.GetValueOrDefault(key) + minutes;
                    }
                }
            }
        }

        (DateOnly, Guid, Guid) RowOf(DateOnly day, Guid location, Guid therapist) => (period.Start(day), location, byTherapist ? therapist : Guid.Empty);
        var appointmentsByRow = appointments.ToLookup(appointment => RowOf(appointment.Date, appointment.LocationId, appointment.TherapistId));
        var availableByRow = available
            .GroupBy(pair => (pair.Key.Item1, pair.Key.Item2, byTherapist ? pair.Key.Item3 : Guid.Empty))
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));

        var keys = availableByRow.Keys
            .Concat(appointmentsByRow.Select(group => group.Key))
            .Distinct()
            .OrderBy(key => key.Item1).ThenBy(key => key.Item2).ThenBy(key => key.Item3);

        return [.. keys.Select(key =>
        {
            var (start, location, therapist) = key;
            var inRow = appointmentsByRow[key].ToList();
            var availableMinutes = availableByRow.GetValueOrDefault(key);
            var booked = inRow.Where(appointment => appointment.HoldsTime).Sum(appointment => appointment.Minutes);
            var row = new UtilisationRow(
                start, location, byTherapist ? therapist : null, availableMinutes, booked,
                availableMinutes == 0 ? null : Math.Round((double)booked / availableMinutes, 4, MidpointRounding.AwayFromZero),
                Suppressed: true, null, null, null, null, null, null, null, null);
            if (inRow.Select(appointment => appointment.ClientId).Distinct().Count() < minimumClients)
            {
                return row;
            }

            var held = inRow.Where(appointment => appointment.HoldsTime).ToList();
            var noShows = held.Count(appointment => appointment.Status == AppointmentFacts.NoShow);
            var reminded = held.Where(appointment => appointment.Reminded).ToList();
            var notReminded = held.Where(appointment => !appointment.Reminded).ToList();
            var cancellations = inRow.Count - held.Count;
            var late = inRow.Count(appointment => appointment.LateCancellation);
            var clients = held.Select(appointment => appointment.ClientId).Distinct().ToList();
            var newClients = held.Where(appointment => firstAppointments.Contains(appointment.Id)).Select(appointment => appointment.ClientId).Distinct().Count();
            return row with
            {
                Suppressed = false,
                Appointments = inRow.Count,
                NoShows = noShows,
                NoShowRate = Rate(held),
                Cancellations = cancellations,
                LateCancellations = late,
                LateCancellationRate = Math.Round((double)late / inRow.Count, 4, MidpointRounding.AwayFromZero),
                NewClients = newClients,
                ReturningClients = clients.Count - newClients,
                RemindedAppointments = reminded.Count,
                NoShowRateReminded = Rate(reminded),
                NoShowRateNotReminded = Rate(notReminded),
            };
        })];
    }

    /// <summary>No-shows over the appointments given, to four places; null for none.</summary>
    private static double? Rate(List<AppointmentFacts> held) =>
        held.Count == 0 ? null : Math.Round((double)held.Count(appointment => appointment.Status == AppointmentFacts.NoShow) / held.Count, 4, MidpointRounding.AwayFromZero);

    /// <summary>The id of each client's first appointment that was not cancelled, from their appointment history.</summary>
    public static IReadOnlySet<Guid> FirstAppointments(IEnumerable<AppointmentFacts> history) =>
        history
            .Where(appointment => appointment.HoldsTime)
            .GroupBy(appointment => appointment.ClientId)
            .Select(group => group.OrderBy(appointment => appointment.Date).ThenBy(appointment => appointment.BookedAt).ThenBy(appointment => appointment.Id).First().Id)
            .ToHashSet();
}
