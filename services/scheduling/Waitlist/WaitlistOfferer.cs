using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten.Subscriptions;
using Microsoft.Extensions.Options;

namespace NmtPractice.Scheduling.Waitlist;

/// <summary>
/// A Marten subscription on cancellations and reschedules: the freed slot is offered to the
/// longest-waiting open entry for that location and service whose dates (and therapist, when named)
/// match, held for them for a while (<see cref="OfferHold"/>). The offer is appended to the entry's
/// stream in its own session (so that the entry's inline snapshot is updated), only while the entry
/// is still waiting: a replay after a crash finds the entry already offered and offers nothing twice.
/// </summary>
internal sealed class WaitlistOfferer(TimeProvider time, SlotReservations reservations, IOptions<SchedulingOptions> options) : SubscriptionBase
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
                AppointmentCancelled cancelled => new OfferableSlot(cancelled.LocationId, cancelled.ServiceCode, cancelled.TherapistId, cancelled.StartsAt, cancelled.EndsAt, cancelled.AppointmentId),
                AppointmentRescheduled moved => new OfferableSlot(moved.LocationId, moved.ServiceCode, moved.PreviousTherapistId, moved.PreviousStartsAt, moved.PreviousEndsAt, moved.AppointmentId),
                _ => null,
            };
            if (freed is null)
            {
                continue;
            }

            await using var session = operations.DocumentStore.LightweightSession();
            if (await WaitlistOffers.OfferToNextAsync(session, reservations, freed, excluding: null, time.GetUtcNow(), options.Value.WaitlistOfferHold, cancellationToken) is null)
            {
                continue;
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // The entry changed meanwhile (booked, withdrawn or offered): this slot is not offered to it.
            }
        }

        return NullChangeListener.Instance;
    }
}
