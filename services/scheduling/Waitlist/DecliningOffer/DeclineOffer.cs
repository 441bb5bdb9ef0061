namespace NmtPractice.Scheduling.Waitlist.DecliningOffer;

/// <summary><c>POST /api/scheduling/waitlist/{id}/decline</c>: the client declines the slot on offer; it goes to the next client in line, in the same commit.</summary>
internal static class DeclineOfferEndpoint
{
    internal static async Task<Ok<WaitlistEntryResponse>> Handle(Guid id, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var write = await writer.LoadAsync(WaitlistEntry.Rules, id, Audited.Update, cancellationToken);
        var entry = write.State;
        if (entry.Status != WaitlistStatus.Offered || entry.Offer is not { } offer)
        {
            throw new ConflictException("No offer", "Only an entry with a slot on offer can decline it.");
        }

        var next = await WaitlistOfferer.NextInLineAsync(writer.Session, entry.LocationId, entry.ServiceCode, offer.TherapistId, offer.StartsAt, excluding: id, cancellationToken);
        if (next is not null)
        {
            writer.Session.Events.Append(next.Id, new WaitlistSlotOffered(next.Id, next.ClientId, next.LocationId, next.ServiceCode, offer.TherapistId, offer.StartsAt, offer.EndsAt, Guid.Empty, time.GetUtcNow()));
        }

        var declined = await write.CommitAsync([new WaitlistOfferDeclined(id, time.GetUtcNow(), user.Id)], cancellationToken);
        return TypedResults.Ok(WaitlistEntryResponse.Of(declined));
    }
}
