using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.TreatmentRecords.Practice;

/// <summary>A location's time zone, from scheduling, so that a note opened by hand is dated on the clinic's day.</summary>
public sealed record LocationClock(Guid Id, string TimeZone, DateTimeOffset PublishedAt)
{
    /// <summary>The local date at the location, or the UTC date when the location is not known here.</summary>
    public static async Task<DateOnly> TodayAtAsync(IQuerySession session, Guid locationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var clock = await session.LoadAsync<LocationClock>(locationId, cancellationToken);
        return clock is not null && TimeZoneInfo.TryFindSystemTimeZoneById(clock.TimeZone, out var zone)
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime)
            : DateOnly.FromDateTime(now.UtcDateTime);
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
