namespace NmtPractice.Scheduling.Waitlist;

/// <summary>A slot that can be offered from the waitlist: a therapist's time at a location for a service.</summary>
public sealed record OfferableSlot(Guid LocationId, string ServiceCode, Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid FreedBy);

/// <summary>
/// Offering a slot to the next client in line, written once for the three ways a slot comes up: an
/// appointment freed it (<see cref="WaitlistOfferer"/>), the client it was offered to declined it, or
/// their hold ran out (<see cref="ExpiringOffers.WaitlistOfferExpiry"/>).
/// </summary>
internal static class WaitlistOffers
{
    /// <summary>
    /// Queues, in <paramref name="session"/>, the offer of <paramref name="slot"/> to the longest-waiting
    /// matching entry other than <paramref name="excluding"/>, held for <paramref name="hold"/> of the
    /// location's business hours. Nothing is offered when the slot has started, its therapist has been
    /// booked for it meanwhile, or nobody waits for it. The entry is read for writing, so that the
    /// commit fails (and offers nothing) if it was booked, withdrawn or offered something else meanwhile.
    /// </summary>
    /// <returns>The entry the slot is offered to, if any.</returns>
    internal static async Task<Guid?> OfferToNextAsync(
        IDocumentSession session,
        SlotReservations reservations,
        OfferableSlot slot,
        Guid? excluding,
        DateTimeOffset now,
        TimeSpan hold,
        CancellationToken cancellationToken)
    {
        if (slot.StartsAt <= now)
        {
            return null;
        }

        // A time freed by moving a leaving therapist's appointment to a colleague is not theirs to offer.
        var location = await session.LoadAsync<Location>(slot.LocationId, cancellationToken);
        var therapist = await session.LoadAsync<Therapist>(slot.TherapistId, cancellationToken);
        if (location is null
            || therapist?.WorksAtOn(location.Id, WeeklySchedule.LocalDate(slot.StartsAt, location.Zone)) != true
            || await NextInLineAsync(session, location, slot.ServiceCode, slot.TherapistId, slot.StartsAt, excluding, cancellationToken) is not { } next)
        {
            return null;
        }

        var busy = await reservations.BusyAsync([slot.TherapistId], new Span(slot.StartsAt, slot.EndsAt), cancellationToken);
        if (busy.Count > 0)
        {
            return null;
        }

        var stream = await session.Events.FetchForWriting<WaitlistEntry>(next.Id, cancellationToken);
        if (stream.Aggregate is not { Status: WaitlistStatus.Waiting } entry)
        {
            return null;
        }

        stream.AppendOne(new WaitlistSlotOffered(
            entry.Id, entry.ClientId, entry.LocationId, entry.ServiceCode, slot.TherapistId, slot.StartsAt, slot.EndsAt, slot.FreedBy, now,
            OfferHold.Until(location, now, hold, slot.StartsAt)));
        return entry.Id;
    }

    /// <summary>The longest-waiting open entry a slot suits, if any.</summary>
    internal static async Task<WaitlistEntry?> NextInLineAsync(
        IQuerySession session,
        Location location,
        string serviceCode,
        Guid therapistId,
        DateTimeOffset startsAt,
        Guid? excluding,
        CancellationToken cancellationToken)
    {
        var date = WeeklySchedule.LocalDate(startsAt, location.Zone);
        var candidates = await session.Query<WaitlistEntry>()
            .Where(e => e.LocationId == location.Id && e.ServiceCode == serviceCode && e.Status == WaitlistStatus.Waiting
                && e.From <= date && e.To >= date)
            .OrderBy(e => e.JoinedAt)
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(e =>
            e.Id != excluding
            && (e.TherapistId is null || e.TherapistId == therapistId)
            && !e.DeclinedStarts.Contains(startsAt));
    }
}
