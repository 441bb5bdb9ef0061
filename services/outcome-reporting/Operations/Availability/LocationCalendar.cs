using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.OutcomeReporting.Operations.Availability;

/// <summary>A location's time zone and closures: when its therapists' hours are not available.</summary>
/// <param name="Id">The location.</param>
/// <param name="TimeZone">IANA time zone (empty until the location is published).</param>
/// <param name="Closures">Closed days, inclusive ranges.</param>
public sealed record LocationCalendar(Guid Id, string TimeZone, IReadOnlyList<ClosedDays> Closures)
{
    public bool IsClosed(DateOnly day) => Closures.Any(closure => !closure.Removed && closure.From <= day && day <= closure.To);
}

/// <summary>A closure; once changed, when (a change older than that is stale), and whether it was called off.</summary>
public sealed record ClosedDays(Guid Id, DateOnly From, DateOnly To, bool Removed = false, DateTimeOffset? ChangedAt = null);

/// <summary>Projects location events into <see cref="LocationCalendar"/>.</summary>
public sealed class LocationCalendarProjection : MultiStreamProjection<LocationCalendar, Guid>
{
    public LocationCalendarProjection()
    {
        Identity<LocationPublished>(e => e.LocationId);
        Identity<LocationClosureScheduled>(e => e.LocationId);
        Identity<LocationClosureChanged>(e => e.LocationId);
    }

    public override LocationCalendar? Evolve(LocationCalendar? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var current = snapshot ?? new LocationCalendar(id, "", []);
        return e.Data switch
        {
            LocationPublished published => current with { TimeZone = published.TimeZone },
            LocationClosureScheduled closure when current.Closures.All(closed => closed.Id != closure.ClosureId) => current with
            {
                Closures = [.. current.Closures, new ClosedDays(closure.ClosureId, closure.From, closure.To)],
            },
            LocationClosureChanged changed => Changed(current, changed),
            _ => snapshot,
        };
    }

    /// <summary>
    /// A shortened or called-off closure replaces what is known of it, unless a later change is already
    /// known; one that arrives before the closure itself is kept, and the closure then adds nothing.
    /// </summary>
    private static LocationCalendar Changed(LocationCalendar current, LocationClosureChanged changed)
    {
        var known = current.Closures.FirstOrDefault(closed => closed.Id == changed.ClosureId);
        if (known?.ChangedAt >= changed.OccurredAt)
        {
            return current;
        }

        return current with
        {
            Closures = [.. current.Closures.Where(closed => closed.Id != changed.ClosureId),
                new ClosedDays(changed.ClosureId, changed.From, changed.To, changed.Removed, changed.OccurredAt)],
        };
    }
}
