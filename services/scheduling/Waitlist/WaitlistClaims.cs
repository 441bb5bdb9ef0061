namespace NmtPractice.Scheduling.Waitlist;

/// <summary>A client's claim of the time an offer holds for them, as scheduling weighs it.</summary>
/// <param name="ClientId">Who claims (the client the offer went to).</param>
/// <param name="TherapistId">The therapist of the time claimed.</param>
/// <param name="StartsAt">The time claimed.</param>
/// <param name="ClaimedAt">When the client claimed it.</param>
public sealed record OfferClaim(Guid ClientId, Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset ClaimedAt);

/// <summary>
/// Whether a client may take the time an offer holds: only the entry's own client, only the time on
/// offer now, and only while it is held. The booking itself then passes the same rules and screening
/// gate as any booking (<see cref="Appointments.AppointmentDecisions.Book"/>).
/// </summary>
public static class WaitlistClaims
{
    /// <summary>The hold ran out before the claim, or the client declined that time.</summary>
    public const string Expired = "expired";

    /// <summary>The entry holds no such offer for this client now (booked, withdrawn, or offered another time).</summary>
    public const string NotOffered = "not-offered";

    /// <summary>The time was booked meanwhile.</summary>
    public const string Taken = "taken";

    /// <summary>The booking rules or the screening gate refused the booking: the client should call the clinic.</summary>
    public const string NotBookable = "not-bookable";

    /// <summary>Why the claim is refused, or null when the booking may be tried.</summary>
    public static string? Refusal(WaitlistEntry entry, OfferClaim claim)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(claim);
        if (entry.ClientId != claim.ClientId)
        {
            return NotOffered;
        }

        if (entry is { Status: WaitlistStatus.Offered, Offer: { } offer } && offer.StartsAt == claim.StartsAt && offer.TherapistId == claim.TherapistId)
        {
            return claim.ClaimedAt >= offer.Until ? Expired : null;
        }

        // A time that was offered and then declined or let run out is remembered as declined.
        return entry.DeclinedStarts.Contains(claim.StartsAt) ? Expired : NotOffered;
    }
}
