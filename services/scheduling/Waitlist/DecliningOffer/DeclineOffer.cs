using Microsoft.Extensions.Options;

namespace NmtPractice.Scheduling.Waitlist.DecliningOffer;

/// <summary><c>POST /api/scheduling/waitlist/{id}/decline</c>: the client declines the slot on offer; it goes to the next client in line, in the same commit.</summary>
internal static class DeclineOfferEndpoint
{
    internal static async Task<Ok<WaitlistEntryResponse>> Handle(
        Guid id, RecordWriter writer, CurrentUser user, TimeProvider time, SlotReservations reservations, IOptions<SchedulingOptions> options, CancellationToken cancellationToken)
    {
        var write = await writer.LoadAsync(WaitlistEntry.Rules, id, Audited.Update, cancellationToken);
        var entry = write.State;
        if (entry.Status != WaitlistStatus.Offered || entry.Offer is not { } offer)
        {
            throw new ConflictException("No offer", "Only an entry with a slot on offer can decline it.");
        }

        await WaitlistOffers.OfferToNextAsync(
            writer.Session,
            reservations,
            new OfferableSlot(entry.LocationId, entry.ServiceCode, offer.TherapistId, offer.StartsAt, offer.EndsAt, FreedBy: Guid.Empty),
            excluding: id,
            time.GetUtcNow(),
            options.Value.WaitlistOfferHold,
            cancellationToken);
        var declined = await write.CommitAsync([new WaitlistOfferDeclined(id, time.GetUtcNow(), user.Id)], cancellationToken);
        return TypedResults.Ok(WaitlistEntryResponse.Of(declined));
    }
}
