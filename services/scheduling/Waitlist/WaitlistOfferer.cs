using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten.Subscriptions;

namespace NmtPractice.Scheduling.Waitlist;

/// <summary>
/// A Marten subscription on cancellations and reschedules: the freed slot is offered to the
/// longest-waiting open entry for that location and service whose dates (and therapist, when named)
/// match. The offer is appended to the entry's stream in its own session (so that the entry's inline
/// snapshot is updated), only while the entry is still waiting: a replay after a crash finds the
/// entry already offered and offers nothing twice.
/// </summary>
internal sealed class WaitlistOfferer(TimeProvider time) : SubscriptionBase
{
    public const string SubscriptionName = "WaitlistOfferer";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var committed in page.Events)
        {
            var freed = committed.Data switch
            {
                AppointmentCancelled cancelled => new FreedSlot(cancelled.AppointmentId, cancelled.LocationId, cancelled.ServiceCode, cancelled.TherapistId, cancelled.StartsAt, cancelled.EndsAt),
                AppointmentRescheduled moved => new FreedSlot(moved.AppointmentId, moved.LocationId, moved.ServiceCode, moved.PreviousTherapistId, moved.PreviousStartsAt, moved.PreviousEndsAt),
                _ => null,
            };
            if (freed is null || freed.StartsAt <= time.GetUtcNow())
            {
                continue;
            }

            await OfferAsync(operations.DocumentStore, freed, cancellationToken);
        }

        return NullChangeListener.Instance;
    }

    private async Task OfferAsync(IDocumentStore store, FreedSlot freed, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await NextInLineAsync(session, freed.LocationId, freed.ServiceCode, freed.TherapistId, freed.StartsAt, excluding: null, cancellationToken) is not { } next)
        {
            return;
        }

        var stream = await session.Events.FetchForWriting<WaitlistEntry>(next.Id, cancellationToken);
        if (stream.Aggregate is not { Status: WaitlistStatus.Waiting } entry)
        {
            return;
        }

        stream.AppendOne(new WaitlistSlotOffered(entry.Id, entry.ClientId, entry.LocationId, entry.ServiceCode, freed.TherapistId, freed.StartsAt, freed.EndsAt, freed.Id, time.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.ConcurrencyException)
        {
            // The entry changed meanwhile (booked, withdrawn or offered): this slot is not offered to it.
        }
    }

    private sealed record FreedSlot(Guid Id, Guid LocationId, string ServiceCode, Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    /// <summary>The longest-waiting open entry a slot suits, if any.</summary>
    internal static async Task<WaitlistEntry?> NextInLineAsync(
        IQuerySession session,
        Guid locationId,
        string serviceCode,
        Guid therapistId,
        DateTimeOffset startsAt,
        Guid? excluding,
        CancellationToken cancellationToken)
    {
        var location = await session.LoadAsync<Location>(locationId, cancellationToken);
        if (location is null)
        {
            return null;
        }

        var date = WeeklySchedule.LocalDate(startsAt, location.Zone);
        var candidates = await session.Query<WaitlistEntry>()
            .Where(e => e.LocationId == locationId && e.ServiceCode == serviceCode && e.Status == WaitlistStatus.Waiting
                && e.From <= date && e.To >= date)
            .OrderBy(e => e.JoinedAt)
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(e =>
            e.Id != excluding
            && (e.TherapistId is null || e.TherapistId == therapistId)
            && !e.DeclinedStarts.Contains(startsAt));
    }
}
