using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.OutcomeReporting.Operations.Availability;

/// <summary>A therapist's weekly hours at each location over time, and their time off.</summary>
/// <param name="Id">The therapist.</param>
/// <param name="Hours">Every set of weekly hours, each in force from its day until the next set for the same location.</param>
/// <param name="TimeOff">Absences, at every location.</param>
/// <param name="Leavings">The days the therapist leaves (or left) locations, each as its latest change left it.</param>
public sealed record TherapistAvailability(Guid Id, IReadOnlyList<HoursInForce> Hours, IReadOnlyList<Absence> TimeOff, IReadOnlyList<Leaving>? Leavings = null)
{
    /// <summary>
    /// The weekly hours in force at a location on a day (none before the first were set, and none from
    /// the day the therapist left it, until hours are set there again on or after that day).
    /// </summary>
    public IReadOnlyList<WeeklyHours>? HoursAt(Guid locationId, DateOnly day)
    {
        var inForce = Hours
            .Where(set => set.LocationId == locationId && set.From <= day)
            .OrderByDescending(set => set.From)
            .ThenByDescending(set => set.SetAt)
            .FirstOrDefault();
        var left = (Leavings ?? [])
            .Where(leaving => leaving.LocationId == locationId && !leaving.CalledOff && leaving.LeavesOn <= day)
            .Select(leaving => (DateOnly?)leaving.LeavesOn)
            .Max();
        return left is { } leftOn && inForce is not null && inForce.From < leftOn ? [] : inForce?.Hours;
    }

    /// <summary>The locations the therapist has had hours at.</summary>
    public IEnumerable<Guid> Locations => Hours.Select(set => set.LocationId).Distinct();
}

/// <summary>Weekly hours at a location, in force from <paramref name="From"/> (the UTC day they were set).</summary>
public sealed record HoursInForce(Guid LocationId, DateOnly From, DateTimeOffset SetAt, IReadOnlyList<WeeklyHours> Hours);

/// <summary>The therapist leaves a location from <paramref name="LeavesOn"/>, unless <paramref name="CalledOff"/>; the change of <paramref name="OccurredAt"/>.</summary>
public sealed record Leaving(Guid LocationId, DateOnly LeavesOn, bool CalledOff, DateTimeOffset OccurredAt);

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
        Identity<TherapistLeavingChanged>(e => e.TherapistId);
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
            TherapistLeavingChanged leaving => Left(current, leaving),
            _ => snapshot,
        };
    }

    /// <summary>
    /// A leaving (or its calling off) replaces what is known of the leaving of that location on that day,
    /// unless a later change of it is known already: messages may arrive in any order.
    /// </summary>
    private static TherapistAvailability Left(TherapistAvailability current, TherapistLeavingChanged leaving)
    {
        var leavings = current.Leavings ?? [];
        bool Same(Leaving known) => known.LocationId == leaving.LocationId && known.LeavesOn == leaving.LeavesOn;
        if (leavings.Any(known => Same(known) && known.OccurredAt >= leaving.OccurredAt))
        {
            return current;
        }

        return current with { Leavings = [.. leavings.Where(known => !Same(known)), new Leaving(leaving.LocationId, leaving.LeavesOn, leaving.CalledOff, leaving.OccurredAt)] };
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
