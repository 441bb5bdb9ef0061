namespace NmtPractice.Scheduling.Waitlist;

/// <summary>
/// A waitlist entry as the API shows it: who waits for what, whether a slot is on offer, the version
/// (the ETag); in the desk's list with the client's display name. An offer says until when it is held.
/// </summary>
public sealed record WaitlistEntryResponse(
    Guid Id,
    Guid ClientId,
    string? ClientName,
    Guid LocationId,
    string ServiceCode,
    Guid? TherapistId,
    DateOnly From,
    DateOnly To,
    DateTimeOffset JoinedAt,
    WaitlistStatus Status,
    SlotOffer? Offer,
    IReadOnlyList<DateTimeOffset> DeclinedStarts,
    long Version)
{
    internal static WaitlistEntryResponse Of(WaitlistEntry entry, long version, string? clientName = null) =>
        new(entry.Id, entry.ClientId, clientName, entry.LocationId, entry.ServiceCode, entry.TherapistId, entry.From, entry.To, entry.JoinedAt,
            entry.Status, entry.Offer is { } offer ? offer with { HoldsUntil = offer.Until } : null, entry.DeclinedStarts, version);

    internal static WaitlistEntryResponse Of(Written<WaitlistEntry> written) => Of(written.State, written.Version);
}
