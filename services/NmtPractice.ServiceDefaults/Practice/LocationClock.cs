using Marten;
using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.ServiceDefaults.Practice;

/// <summary>
/// A location's time zone, from scheduling's <c>LocationPublished</c>: every service that dates
/// something by the clinic's day (a note's session date, an intake's validity, a clearance's expiry)
/// asks it, so a day is the location's day everywhere.
/// </summary>
public sealed record LocationClock(Guid Id, string TimeZone, DateTimeOffset PublishedAt)
{
    /// <summary>The location's zone, or UTC while the location is not known here.</summary>
    public static async Task<TimeZoneInfo> ZoneOfAsync(IQuerySession session, Guid locationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var clock = await session.LoadAsync<LocationClock>(locationId, cancellationToken).ConfigureAwait(false);
        return clock is not null && TimeZoneInfo.TryFindSystemTimeZoneById(clock.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The local date at the location, or the UTC date when the location is not known here.</summary>
    public static async Task<DateOnly> TodayAtAsync(IQuerySession session, Guid locationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        DayIn(await ZoneOfAsync(session, locationId, cancellationToken).ConfigureAwait(false), now);

    /// <summary>The calendar day of <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static DateOnly DayIn(TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }
}

/// <summary>Keeps <see cref="LocationClock"/> current; older messages change nothing.</summary>
internal sealed class LocationClockConsumer(IDocumentSession session) : IConsumer<LocationPublished>
{
    public async Task Consume(ConsumeContext<LocationPublished> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var held = await session.LoadAsync<LocationClock>(message.LocationId, context.CancellationToken);
        if (held is null || held.PublishedAt < message.OccurredAt)
        {
            session.Store(new LocationClock(message.LocationId, message.TimeZone, message.OccurredAt));
        }
    }
}
