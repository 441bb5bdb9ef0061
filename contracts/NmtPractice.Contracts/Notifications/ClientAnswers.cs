namespace NmtPractice.Contracts.Notifications;

/// <summary>
/// A client answered a message about an appointment: confirm it, or cancel it. Scheduling decides (as
/// the client, within the location's policy) and publishes what it did; the answer's id comes back
/// with that decision so that the client's reply says what became of their answer.
/// </summary>
/// <param name="AnswerId">The answer (the id of the message answered).</param>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="ClientId">The client who answered (the one the message went to).</param>
/// <param name="LocationId">The appointment's location.</param>
/// <param name="Answer"><c>confirm</c> or <c>cancel</c>.</param>
/// <param name="Via">How: <c>sms</c> (a text reply) or <c>link</c> (a link in a message).</param>
/// <param name="OccurredAt">When the client answered.</param>
public sealed record AppointmentAnswered(
    Guid AnswerId,
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    string Answer,
    string Via,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A client asked for no more messages on a channel (a text answered STOP, or an unsubscribe link).
/// Intake, which owns consent, records it; the notifications service stopped sending at once.
/// </summary>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The client's location.</param>
/// <param name="Channel"><c>sms</c> or <c>email</c>.</param>
/// <param name="Via">How: <c>sms-stop</c> or <c>link</c>.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ClientMessagesStopped(Guid ClientId, Guid LocationId, string Channel, string Via, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A client took a time a waitlist offer held for them, by the link in the offer. Scheduling books it
/// as the client, behind the same rules and screening gate as any booking, with the appointment id
/// given here (the same for every link of the one offer, so that the slot is booked once), or refuses
/// the claim with a <see cref="Scheduling.WaitlistClaimRefused"/>.
/// </summary>
/// <param name="ClaimId">The claim (the id of the offer message whose link was followed).</param>
/// <param name="AppointmentId">The id the booking takes.</param>
/// <param name="WaitlistEntryId">The waitlist entry the offer was made to.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist of the offered time.</param>
/// <param name="StartsAt">The offered time.</param>
/// <param name="Via">How: <c>link</c>.</param>
/// <param name="OccurredAt">When the client took it.</param>
public sealed record WaitlistOfferClaimed(
    Guid ClaimId,
    Guid AppointmentId,
    Guid WaitlistEntryId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    DateTimeOffset StartsAt,
    string Via,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A reminder of the appointment reached the client: a text the operator reported delivered, or an
/// email the client's mail server accepted. Outcome reporting splits the no-show rate by it.
/// </summary>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The appointment's location.</param>
/// <param name="Channel"><c>sms</c> or <c>email</c>.</param>
/// <param name="OccurredAt">When it reached them.</param>
public sealed record AppointmentReminderDelivered(Guid AppointmentId, Guid ClientId, Guid LocationId, string Channel, DateTimeOffset OccurredAt) : IIntegrationEvent;
