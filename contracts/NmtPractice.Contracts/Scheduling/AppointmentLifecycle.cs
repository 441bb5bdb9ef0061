namespace NmtPractice.Contracts.Scheduling;

/// <summary>An appointment moved to another time, therapist or room.</summary>
public sealed record AppointmentRescheduled(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    Guid RoomId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset PreviousStartsAt,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An appointment was cancelled; <paramref name="LateCancellation"/> when inside the notice window.</summary>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist.</param>
/// <param name="ServiceCode">The service.</param>
/// <param name="StartsAt">When it would have started.</param>
/// <param name="EndsAt">When it would have ended.</param>
/// <param name="Reason">A reason code: <c>client-request</c>, <c>client-illness</c>, <c>therapist-unavailable</c>, <c>clinic-closure</c>, <c>other</c>.</param>
/// <param name="LateCancellation">Cancelled with less notice than the clinic requires.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="AnswerId">When the client cancelled by answering a message, that answer (added later: null before, and for staff's cancellations).</param>
public sealed record AppointmentCancelled(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Reason,
    bool LateCancellation,
    DateTimeOffset OccurredAt,
    Guid? AnswerId = null) : IIntegrationEvent;

/// <summary>The client confirmed they will come, by answering a message.</summary>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="StartsAt">When it starts.</param>
/// <param name="Via"><c>sms</c> or <c>link</c>.</param>
/// <param name="AnswerId">The answer.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AppointmentConfirmed(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    DateTimeOffset StartsAt,
    string Via,
    Guid AnswerId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A client's answer to a message could not be carried out: <c>late-cancellation</c> (inside the
/// notice window a cancellation is made by calling the clinic) or <c>not-booked</c> (the appointment
/// is no longer booked, or has begun).
/// </summary>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="AnswerId">The answer refused.</param>
/// <param name="Reason"><c>late-cancellation</c> or <c>not-booked</c>.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ClientAnswerRefused(Guid AppointmentId, Guid ClientId, Guid LocationId, Guid AnswerId, string Reason, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The client arrived and was checked in.</summary>
public sealed record AppointmentCheckedIn(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The appointment took place.</summary>
public sealed record AppointmentCompleted(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The client did not come.</summary>
public sealed record AppointmentMarkedNoShow(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A freed slot was offered to a client on the waitlist (the UI shows it to the front desk), held for
/// them until <c>HoldsUntil</c> (added later: null before, when offers were held until the slot started).
/// </summary>
public sealed record WaitlistSlotOffered(
    Guid WaitlistEntryId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset OccurredAt,
    DateTimeOffset? HoldsUntil = null) : IIntegrationEvent;

/// <summary>
/// The hold of a waitlist offer ran out before the client took the slot: the client waits again, and
/// the slot went to the next client in line (a <see cref="WaitlistSlotOffered"/> in the same commit), if any.
/// </summary>
public sealed record WaitlistOfferExpired(
    Guid WaitlistEntryId,
    Guid ClientId,
    Guid LocationId,
    DateTimeOffset StartsAt,
    DateTimeOffset HeldUntil,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A client's claim of a waitlist offer was refused: <c>expired</c> (the hold ran out, or the offer was
/// declined), <c>not-offered</c> (the entry has no such offer now: booked, withdrawn, or offered another
/// time), <c>taken</c> (the time was booked meanwhile), or <c>not-bookable</c> (the booking rules or the
/// screening gate refused it: the client should call the clinic).
/// </summary>
public sealed record WaitlistClaimRefused(
    Guid ClaimId, Guid AppointmentId, Guid WaitlistEntryId, Guid ClientId, Guid LocationId, string Reason, DateTimeOffset OccurredAt) : IIntegrationEvent;
