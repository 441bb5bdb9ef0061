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
    public bool IsClosed(DateOnly day) => Closures.Any(closure => closure.From <= day && day <= closure.To);
}

/// <summary>A closure.</summary>
public sealed record ClosedDays(Guid Id, DateOnly From, DateOnly To);

/// <summary>Projects location events into <see cref="LocationCalendar"/>.</summary>
public sealed class LocationCalendarProjection : MultiStreamProjection<LocationCalendar, Guid>
{
    public LocationCalendarProjection()
    {
        Identity<LocationPublished>(e => e.LocationId);
        Identity<LocationClosureScheduled>(e => e.LocationId);
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
            _ => snapshot,
        };
    }
}
