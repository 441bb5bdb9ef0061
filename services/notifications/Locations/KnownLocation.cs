using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Notifications.Locations;

/// <summary>A location as messages name it: its name, address and time zone (from scheduling).</summary>
public sealed record KnownLocation(Guid Id, string Name, string? Address, string TimeZone, DateTimeOffset UpdatedAt)
{
    /// <summary>The location's zone (UTC if the system does not know it).</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>A therapist as messages name them.</summary>
public sealed record KnownTherapist(Guid Id, string Name, DateTimeOffset UpdatedAt);

/// <summary>Keeps <see cref="KnownLocation"/> and <see cref="KnownTherapist"/> current; an older message changes nothing.</summary>
internal sealed class PracticeDirectoryConsumer(IDocumentSession session) : IConsumer<LocationPublished>, IConsumer<TherapistRegistered>
{
    public async Task Consume(ConsumeContext<LocationPublished> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var held = await session.LoadAsync<KnownLocation>(m.LocationId, context.CancellationToken);
        if (held is null || held.UpdatedAt < m.OccurredAt)
        {
            // A publication without an address (an hours change) keeps the one known.
            session.Store(new KnownLocation(m.LocationId, m.Name, m.Address ?? held?.Address, m.TimeZone, m.OccurredAt));
        }
    }

    public async Task Consume(ConsumeContext<TherapistRegistered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var held = await session.LoadAsync<KnownTherapist>(m.TherapistId, context.CancellationToken);
        if (held is null || held.UpdatedAt < m.OccurredAt)
        {
            session.Store(new KnownTherapist(m.TherapistId, m.Name, m.OccurredAt));
        }
    }
}
