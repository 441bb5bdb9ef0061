using JasperFx;
using Microsoft.Extensions.Options;
using NmtPractice.ServiceDefaults.Hosting;

namespace NmtPractice.Scheduling.Waitlist.ExpiringOffers;

/// <summary>
/// Ends offers whose hold has run out: the entry waits again (and is not offered that slot again),
/// and the slot passes to the next matching entry, in the same commit. Every replica may run it: each
/// expiry reads the entry for writing, so when two replicas race, one commit wins and the other
/// changes nothing (no offer expires twice, no slot is offered to two clients).
/// </summary>
internal sealed partial class WaitlistOfferExpiry(
    IDocumentStore store,
    SlotReservations reservations,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<WaitlistOfferExpiry> logger) : RecurringJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.WaitlistExpiryCheckInterval;

    protected override string Work => "Expiring waitlist offers";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => ExpireDueAsync(cancellationToken);

    /// <summary>Expires every offer held until now or earlier; returns how many expired.</summary>
    internal async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        List<Guid> due;
        await using (var query = store.QuerySession())
        {
            // An offer made before holds existed is held until its slot starts.
            due = (await query.Query<WaitlistEntry>()
                    .Where(e => e.Status == WaitlistStatus.Offered && (e.Offer!.HoldsUntil <= now || e.Offer.StartsAt <= now))
                    .Select(e => e.Id)
                    .ToListAsync(cancellationToken))
                .ToList();
        }

        var expired = 0;
        foreach (var id in due)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<WaitlistEntry>(id, cancellationToken);
            if (stream.Aggregate is not { Status: WaitlistStatus.Offered, Offer: { } offer } entry || offer.Until > now)
            {
                continue;
            }

            stream.AppendOne(new WaitlistOfferExpired(entry.Id, entry.ClientId, entry.LocationId, offer.StartsAt, offer.Until, now));
            await WaitlistOffers.OfferToNextAsync(
                session,
                reservations,
                new OfferableSlot(entry.LocationId, entry.ServiceCode, offer.TherapistId, offer.StartsAt, offer.EndsAt, FreedBy: Guid.Empty),
                excluding: entry.Id,
                now,
                options.Value.WaitlistOfferHold,
                cancellationToken);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                expired++;
            }
            catch (ConcurrencyException)
            {
                // Booked, declined or expired elsewhere meanwhile: the next round decides on the new state.
            }
        }

        if (expired > 0)
        {
            LogExpired(Logger, expired);
        }

        return expired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} waitlist offers expired")]
    private static partial void LogExpired(ILogger logger, int count);
}
