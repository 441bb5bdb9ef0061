using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.OutcomeReporting.Operations.GettingDailyBookings;

/// <summary>Appointments booked per location and local calendar day.</summary>
/// <param name="Id">Location and date: <c>{locationId}:{yyyy-MM-dd}</c>.</param>
/// <param name="LocationId">The location.</param>
/// <param name="Date">The day in the location's time zone.</param>
/// <param name="AppointmentsBooked">Appointments booked that start on this day.</param>
/// <param name="BookedMinutes">Their total length.</param>
/// <param name="LastEventAt">When the newest event counted here happened (freshness).</param>
public sealed record DailyLocationBookings(
    string Id,
    Guid LocationId,
    DateOnly Date,
    int AppointmentsBooked,
    int BookedMinutes,
    DateTimeOffset LastEventAt)
{
    /// <summary>The read model's id for a location and day.</summary>
    public static string KeyFor(Guid locationId, DateOnly date) => $"{locationId:N}:{date:yyyy-MM-dd}";
}

/// <summary>Projects <see cref="AppointmentBooked"/> into <see cref="DailyLocationBookings"/>.</summary>
public sealed class DailyLocationBookingsProjection : MultiStreamProjection<DailyLocationBookings, string>
{
    public DailyLocationBookingsProjection()
    {
        Identity<AppointmentBooked>(booked => DailyLocationBookings.KeyFor(booked.LocationId, LocalDate(booked)));
    }

    public override DailyLocationBookings? Evolve(DailyLocationBookings? snapshot, string id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Data is not AppointmentBooked booked)
        {
            return snapshot;
        }

        var minutes = (int)(booked.EndsAt - booked.StartsAt).TotalMinutes;
        var current = snapshot ?? new DailyLocationBookings(id, booked.LocationId, LocalDate(booked), 0, 0, e.Timestamp);
        return current with
        {
            AppointmentsBooked = current.AppointmentsBooked + 1,
            BookedMinutes = current.BookedMinutes + minutes,
            LastEventAt = booked.OccurredAt > current.LastEventAt ? booked.OccurredAt : current.LastEventAt,
        };
    }

    /// <summary>The start's calendar day at the location (the offset scheduling sent is the location's).</summary>
    private static DateOnly LocalDate(AppointmentBooked booked) => DateOnly.FromDateTime(booked.StartsAt.DateTime);
}
