namespace NmtPractice.Scheduling.Waitlist;

/// <summary>A booking from the waitlist closes the entry it fulfils.</summary>
internal static class WaitlistFulfilment
{
    /// <summary>Marks the entry fulfilled by a booking, in the booking's transaction.</summary>
    internal static async Task FulfilAsync(
        IDocumentSession session, Guid entryId, Guid clientId, Guid locationId, Guid appointmentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<WaitlistEntry>(entryId, cancellationToken);
        var entry = stream.Aggregate ?? throw new NotFoundException("Waitlist entry not found", "No waitlist entry has this id.");

        // Another location's entry is not this booking's to close, whoever its client is.
        if (entry.LocationId != locationId)
        {
            throw new ForbiddenException("This waitlist entry belongs to another location.") { LocationId = entry.LocationId };
        }

        if (entry.ClientId != clientId || entry.Status is WaitlistStatus.Fulfilled or WaitlistStatus.Withdrawn)
        {
            throw new ConflictException("Waitlist entry not open", "The waitlist entry is closed or belongs to another client.");
        }

        stream.AppendOne(new WaitlistEntryFulfilled(entryId, appointmentId, now));
    }
}
