using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.OutcomeReporting.Operations.Availability;

/// <summary>A therapist's weekly hours at each location over time, and their time off.</summary>
/// <param name="Id">The therapist.</param>
/// <param name="Hours">Every set of weekly hours, each in force from its day until the next set for the same location.</param>
/// <param name="TimeOff">Absences, at every location.</param>
public sealed record TherapistAvailability(Guid Id, IReadOnlyList<HoursInForce> Hours, IReadOnlyList<Absence> TimeOff)
{
    /// <summary>The weekly hours in force at a location on a day (none before the first were set).</summary>
    public IReadOnlyList<WeeklyHours>? HoursAt(Guid locationId, DateOnly day) => Hours
        .Where(set => set.LocationId == locationId && set.From <= day)
        .OrderByDescending(set => set.From)
        .ThenByDescending(set => set.SetAt)
        .FirstOrDefault()?.Hours;

    /// <summary>The locations the therapist has had hours at.</summary>
    public IEnumerable<Guid> Locations => Hours.Select(set => set.LocationId).Distinct();
}

/// <summary>Weekly hours at a location, in force from <paramref name="From"/> (the UTC day they were set).</summary>
public sealed record HoursInForce(Guid LocationId, DateOnly From, DateTimeOffset SetAt, IReadOnlyList<WeeklyHours> Hours);

/// <summary>Time off; once changed, when (a change older than that is stale), and whether it was called off.</summary>
public sealed record Absence(Guid Id, DateTimeOffset From, DateTimeOffset To, bool Removed = false, DateTimeOffset? ChangedAt = null);

/// <summary>Projects working hours and time off into <see cref="TherapistAvailability"/>.</summary>
public sealed class TherapistAvailabilityProjection : MultiStreamProjection<TherapistAvailability, Guid>
{
    public TherapistAvailabilityProjection()
    {
        Identity<TherapistWorkingHoursSet>(e => e.TherapistId);
        Identity<TherapistTimeOffBooked>(e => e.TherapistId);
        Identity<TherapistTimeOffChanged>(e => e.TherapistId);
    }

    public override TherapistAvailability? Evolve(TherapistAvailability? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var current = snapshot ?? new TherapistAvailability(id, [], []);
        return e.Data switch
        {
            TherapistWorkingHoursSet set => current with
            {
                Hours = [.. current.Hours, new HoursInForce(set.LocationId, DateOnly.FromDateTime(set.OccurredAt.UtcDateTime), set.OccurredAt, set.Hours)],
            },
            TherapistTimeOffBooked off when current.TimeOff.All(absence => absence.Id != off.TimeOffId) => current with
            {
                TimeOff = [.. current.TimeOff, new Absence(off.TimeOffId, off.From, off.To)],
            },
            TherapistTimeOffChanged changed => Changed(current, changed),
            _ => snapshot,
        };
    }

    /// <summary>Shortened or called-off time off replaces what is known of it, unless a later change is already known (see <see cref="LocationCalendarProjection"/>).</summary>
    private static TherapistAvailability Changed(TherapistAvailability current, TherapistTimeOffChanged changed)
    {
        var known = current.TimeOff.FirstOrDefault(absence => absence.Id == changed.TimeOffId);
        if (known?.ChangedAt >= changed.OccurredAt)
        {
            return current;
        }

        return current with
        {
            TimeOff = [.. current.TimeOff.Where(absence => absence.Id != changed.TimeOffId),
                new Absence(changed.TimeOffId, changed.From, changed.To, changed.Removed, changed.OccurredAt)],
        };
    }
}
