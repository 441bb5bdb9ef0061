using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.TreatmentRecords.Practice;

/// <summary>
/// Whether a therapist works at a location (has weekly hours there), from scheduling, so that a note
/// opened by hand (a walk-in) can name the therapist who treats and is refused a therapist who does not
/// work there.
/// </summary>
public sealed record TherapistAtLocation(string Id, Guid TherapistId, Guid LocationId, bool Works, DateTimeOffset SetAt)
{
    public static string Key(Guid therapistId, Guid locationId) => $"{therapistId:N}:{locationId:N}";

    /// <summary>True when scheduling has told treatment records that the therapist has hours at the location.</summary>
    public static async Task<bool> WorksAtAsync(IQuerySession session, Guid therapistId, Guid locationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.LoadAsync<TherapistAtLocation>(Key(therapistId, locationId), cancellationToken) is { Works: true };
    }
}

/// <summary>Keeps <see cref="TherapistAtLocation"/> current; older messages change nothing.</summary>
internal sealed class TherapistRosterConsumer(IDocumentSession session) : IConsumer<TherapistWorkingHoursSet>
{
    public async Task Consume(ConsumeContext<TherapistWorkingHoursSet> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var key = TherapistAtLocation.Key(message.TherapistId, message.LocationId);
        var held = await session.LoadAsync<TherapistAtLocation>(key, context.CancellationToken);
        if (held is null || held.SetAt < message.OccurredAt)
        {
            session.Store(new TherapistAtLocation(key, message.TherapistId, message.LocationId, message.Hours.Count > 0, message.OccurredAt));
        }
    }
}
