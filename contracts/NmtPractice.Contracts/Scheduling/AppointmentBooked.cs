namespace NmtPractice.Contracts.Scheduling;

/// <summary>
/// An appointment was booked. Published by scheduling once the booking is committed.
/// </summary>
/// <param name="AppointmentId">The appointment (scheduling's stream id).</param>
/// <param name="ClientId">The client, as identified by intake.</param>
/// <param name="LocationId">The clinic location.</param>
/// <param name="TherapistId">The therapist who will treat.</param>
/// <param name="ServiceCode">The booked service, for example <c>NMT-60</c>.</param>
/// <param name="StartsAt">Start, with the location's UTC offset at that instant.</param>
/// <param name="EndsAt">End, with the location's UTC offset at that instant.</param>
/// <param name="OccurredAt">When the booking was committed (UTC).</param>
/// <param name="RoomId">The room (added later: empty in messages published before rooms existed).</param>
/// <param name="ClearancePending">Booked while the client's physician clearance is still pending.</param>
/// <param name="WaitlistEntryId">The waitlist entry this booking fills, if it was booked from an offer (added later: null before).</param>
public sealed record AppointmentBooked(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset OccurredAt,
    Guid RoomId = default,
    bool ClearancePending = false,
    Guid? WaitlistEntryId = null) : IIntegrationEvent;
