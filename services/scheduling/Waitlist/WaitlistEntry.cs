namespace NmtPractice.Scheduling.Waitlist;

/// <summary>A client joined the waitlist for a service at a location within a date range (optionally one therapist).</summary>
public sealed record ClientWaitlisted(
    Guid EntryId, Guid ClientId, Guid LocationId, string ServiceCode, Guid? TherapistId, DateOnly From, DateOnly To, DateTimeOffset JoinedAt, string JoinedBy);

/// <summary>
/// A freed slot was offered to the entry's client, held for them until <paramref name="HoldsUntil"/>
/// (see <see cref="OfferHold"/>; offers made before holds existed have none and are held until the slot starts).
/// </summary>
public sealed record WaitlistSlotOffered(
    Guid EntryId, Guid ClientId, Guid LocationId, string ServiceCode, Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid FreedBy, DateTimeOffset OfferedAt,
    DateTimeOffset? HoldsUntil = null);

/// <summary>The offer's hold ran out before the client took the slot; the entry waits again and is not offered that slot again.</summary>
public sealed record WaitlistOfferExpired(Guid EntryId, Guid ClientId, Guid LocationId, DateTimeOffset StartsAt, DateTimeOffset HeldUntil, DateTimeOffset ExpiredAt);

/// <summary>The client declined the offer; the entry waits again.</summary>
public sealed record WaitlistOfferDeclined(Guid EntryId, DateTimeOffset DeclinedAt, string DeclinedBy);

/// <summary>The client was booked from the waitlist.</summary>
public sealed record WaitlistEntryFulfilled(Guid EntryId, Guid AppointmentId, DateTimeOffset FulfilledAt);

/// <summary>
/// The client's claim of an offer (by the link in a message) was refused, for <paramref name="Reason"/>
/// (see <see cref="WaitlistClaims"/>); the entry is as it was.
/// </summary>
public sealed record WaitlistClaimRefused(
    Guid EntryId, Guid ClaimId, Guid AppointmentId, Guid ClientId, Guid LocationId, string Reason, DateTimeOffset RefusedAt);

/// <summary>The client left the waitlist.</summary>
public sealed record WaitlistEntryWithdrawn(Guid EntryId, DateTimeOffset WithdrawnAt, string WithdrawnBy);

public enum WaitlistStatus
{
    Waiting,
    Offered,
    Fulfilled,
    Withdrawn,
}

/// <summary>
/// An open offer of a slot, held for the client until <paramref name="HoldsUntil"/> (null for an offer
/// made before holds existed: it is held until the slot starts).
/// </summary>
public sealed record SlotOffer(Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset OfferedAt, DateTimeOffset? HoldsUntil = null)
{
    /// <summary>When the hold ends.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset Until => HoldsUntil ?? StartsAt;
}

/// <summary>A waitlist entry: who waits for what, and whether a slot is on offer.</summary>
public sealed record WaitlistEntry(
    Guid Id,
    Guid ClientId,
    Guid LocationId,
    string ServiceCode,
    Guid? TherapistId,
    DateOnly From,
    DateOnly To,
    DateTimeOffset JoinedAt,
    WaitlistStatus Status,
    SlotOffer? Offer,
    IReadOnlyList<DateTimeOffset> DeclinedStarts,
    long Version) : IEventSourced<WaitlistEntry>
{
    /// <summary>How the shared write path treats a waitlist entry: it belongs to its location.</summary>
    internal static readonly RecordRules<WaitlistEntry> Rules = new() { Noun = "waitlist entry", Location = entry => entry.LocationId };

    public static WaitlistEntry Create(ClientWaitlisted joined)
    {
        ArgumentNullException.ThrowIfNull(joined);
        return new WaitlistEntry(joined.EntryId, joined.ClientId, joined.LocationId, joined.ServiceCode, joined.TherapistId, joined.From, joined.To, joined.JoinedAt, WaitlistStatus.Waiting, null, [], 1);
    }

    public WaitlistEntry Apply(WaitlistSlotOffered offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        return this with
        {
            Status = WaitlistStatus.Offered,
            Offer = new SlotOffer(offered.TherapistId, offered.StartsAt, offered.EndsAt, offered.OfferedAt, offered.HoldsUntil),
        };
    }

    public WaitlistEntry Apply(WaitlistOfferExpired expired)
    {
        ArgumentNullException.ThrowIfNull(expired);
        return this with { Status = WaitlistStatus.Waiting, DeclinedStarts = [.. DeclinedStarts, expired.StartsAt], Offer = null };
    }

    public WaitlistEntry Apply(WaitlistOfferDeclined declined)
    {
        ArgumentNullException.ThrowIfNull(declined);
        return this with { Status = WaitlistStatus.Waiting, DeclinedStarts = Offer is { } offer ? [.. DeclinedStarts, offer.StartsAt] : DeclinedStarts, Offer = null };
    }

    public WaitlistEntry Apply(WaitlistEntryFulfilled fulfilled)
    {
        ArgumentNullException.ThrowIfNull(fulfilled);
        return this with { Status = WaitlistStatus.Fulfilled, Offer = null };
    }

    /// <summary>A refused claim leaves the entry as it was (the offer, if any, still stands until it expires).</summary>
    public WaitlistEntry Apply(WaitlistClaimRefused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return this;
    }

    public WaitlistEntry Apply(WaitlistEntryWithdrawn withdrawn)
    {
        ArgumentNullException.ThrowIfNull(withdrawn);
        return this with { Status = WaitlistStatus.Withdrawn, Offer = null };
    }

    /// <summary>The entry after any of its events but the first.</summary>
    public WaitlistEntry After(object change) => change switch
    {
        WaitlistSlotOffered e => Apply(e),
        WaitlistOfferDeclined e => Apply(e),
        WaitlistOfferExpired e => Apply(e),
        WaitlistEntryFulfilled e => Apply(e),
        WaitlistEntryWithdrawn e => Apply(e),
        WaitlistClaimRefused e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of a waitlist entry after it was opened.", nameof(change)),
    };
}
