using NmtPractice.ServiceDefaults.Writing;

namespace NmtPractice.Scheduling.Waitlist;

/// <summary>A waitlist entry as the API shows it: who waits for what, whether a slot is on offer, the version.</summary>
public sealed record WaitlistEntryResponse(
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
    long Version)
{
    public static WaitlistEntryResponse Of(Written<WaitlistEntry> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var entry = written.State;
        return new(entry.Id, entry.ClientId, entry.LocationId, entry.ServiceCode, entry.TherapistId, entry.From, entry.To, entry.JoinedAt,
            entry.Status, entry.Offer, entry.DeclinedStarts, written.Version);
    }
}
