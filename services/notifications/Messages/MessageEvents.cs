namespace NmtPractice.Notifications.Messages;

/// <summary>What a message is for.</summary>
public enum MessageKind
{
    /// <summary>An appointment was booked: what, when, where, and the cancellation policy.</summary>
    Confirmation,

    /// <summary>An appointment is coming up.</summary>
    Reminder,

    /// <summary>An appointment moved to another time or therapist.</summary>
    Change,

    /// <summary>An appointment was cancelled.</summary>
    Cancellation,

    /// <summary>A freed time is held for a client on the waitlist.</summary>
    WaitlistOffer,

    /// <summary>The client's intake must be renewed before the next visit.</summary>
    IntakeRenewal,

    /// <summary>An answer to a text message the client sent.</summary>
    Reply,

    /// <summary>
    /// The one-time code a client asked for to sign in to the portal: sent to the email address on
    /// their record whatever their message preferences (they asked for it), never after it expires.
    /// </summary>
    SignInCode,
}

/// <summary>How a message travels.</summary>
public enum Channel
{
    Email,
    Sms,
}

/// <summary>Where a message stands.</summary>
public enum MessageStatus
{
    /// <summary>Waiting for its send time.</summary>
    Planned,

    /// <summary>Being handed to the mail server or SMS gateway.</summary>
    Due,

    /// <summary>Accepted by the mail server or SMS gateway.</summary>
    Sent,

    /// <summary>The SMS gateway reported it delivered to the phone.</summary>
    Delivered,

    /// <summary>Not sent, or not delivered, for the reason given; never tried again.</summary>
    Failed,

    /// <summary>The address or number does not take messages.</summary>
    Bounced,

    /// <summary>The client answered it.</summary>
    Answered,

    /// <summary>No longer wanted before its send time (the appointment was cancelled or moved, or the client opted out).</summary>
    Withdrawn,
}

/// <summary>
/// What a message speaks of, kept with it so that it is written from the facts it was planned on, and
/// so that a send can check they still hold (a reminder for 10:00 is not sent once the visit moved).
/// No contact details: those are looked up when it is sent.
/// </summary>
/// <param name="AppointmentId">The appointment, if it is about one.</param>
/// <param name="TherapistId">Its therapist.</param>
/// <param name="ServiceCode">Its service.</param>
/// <param name="StartsAt">When it starts.</param>
/// <param name="EndsAt">When it ends.</param>
/// <param name="PreviousStartsAt">For a change notice, when it was before.</param>
/// <param name="WaitlistEntryId">For an offer, the waitlist entry.</param>
/// <param name="HoldsUntil">For an offer, until when the time is held.</param>
/// <param name="ReplyTo">For a reply, the message answered.</param>
/// <param name="Text">For a reply, which answer (<c>confirmed</c>, <c>cancelled</c>, <c>call-the-clinic</c>, <c>opted-out</c>, <c>not-understood</c>);
/// for a sign-in code, the code, encrypted for the client (<see cref="Recipients.ContactProtector"/>) until it is written out.</param>
public sealed record MessageFacts(
    Guid? AppointmentId = null,
    Guid? TherapistId = null,
    string? ServiceCode = null,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    DateTimeOffset? PreviousStartsAt = null,
    Guid? WaitlistEntryId = null,
    DateTimeOffset? HoldsUntil = null,
    Guid? ReplyTo = null,
    string? Text = null);

/// <summary>A message was planned, to be sent at <paramref name="SendAt"/>, because of <paramref name="Because"/>.</summary>
public sealed record MessagePlanned(
    Guid MessageId,
    MessageKind Kind,
    Channel Channel,
    Guid ClientId,
    Guid LocationId,
    MessageFacts Facts,
    DateTimeOffset SendAt,
    string Because,
    DateTimeOffset PlannedAt);

/// <summary>A message not yet sent was planned again: another send time or other facts (the appointment moved), or wanted again after it was withdrawn.</summary>
public sealed record MessageReplanned(Guid MessageId, MessageFacts Facts, DateTimeOffset SendAt, string Because, DateTimeOffset ReplannedAt);

/// <summary>A message not yet sent is no longer wanted.</summary>
public sealed record MessageWithdrawn(Guid MessageId, string Reason, DateTimeOffset WithdrawnAt);

/// <summary>
/// The message is being handed over (attempt <paramref name="Attempt"/>): committed before the mail
/// server or SMS gateway is called, so that a crash in between is known and the message is never sent twice.
/// </summary>
public sealed record MessageDue(Guid MessageId, int Attempt, DateTimeOffset DueAt);

/// <summary>The mail server or SMS gateway accepted the message.</summary>
public sealed record MessageSent(Guid MessageId, int Attempt, string? ProviderReference, DateTimeOffset SentAt);

/// <summary>A transient failure (server unreachable, busy): tried again at <paramref name="RetryAt"/>.</summary>
public sealed record MessageDeferred(Guid MessageId, int Attempt, string Reason, DateTimeOffset RetryAt, DateTimeOffset DeferredAt);

/// <summary>The message failed for good, for the reason given (refused, no consent, outcome unknown after a crash, too late).</summary>
public sealed record MessageFailed(Guid MessageId, string Reason, DateTimeOffset FailedAt);

/// <summary>The SMS gateway reported the message delivered to the phone.</summary>
public sealed record MessageDelivered(Guid MessageId, DateTimeOffset DeliveredAt);

/// <summary>The address or number refused the message.</summary>
public sealed record MessageBounced(Guid MessageId, string Reason, DateTimeOffset BouncedAt);

/// <summary>
/// The client answered the message (<paramref name="Answer"/>: <c>confirm</c> or <c>cancel</c> the
/// appointment it is about, <c>stop</c> messages on its channel), <paramref name="Via"/> a text reply
/// (<c>sms</c>) or a link (<c>link</c>).
/// </summary>
public sealed record MessageAnswered(
    Guid MessageId, Guid ClientId, Guid LocationId, Channel Channel, Guid? AppointmentId, string Answer, string Via, DateTimeOffset AnsweredAt);

/// <summary>
/// The client took the time a waitlist offer holds for them, by the link in this message: scheduling
/// books it as <paramref name="AppointmentId"/> (the same for every message of the offer) or refuses.
/// </summary>
public sealed record WaitlistOfferTaken(
    Guid MessageId, Guid ClientId, Guid LocationId, Guid WaitlistEntryId, Guid AppointmentId, Guid TherapistId, DateTimeOffset StartsAt, string Via, DateTimeOffset TakenAt);

/// <summary>Scheduling refused the client's claim of the offer, for <paramref name="Reason"/> (<c>expired</c>, <c>not-offered</c>, <c>taken</c>, <c>not-bookable</c>).</summary>
public sealed record OfferClaimRefused(Guid MessageId, string Reason, DateTimeOffset RefusedAt);

/// <summary>
/// A reminder reached the client: a text the operator reported delivered to the phone, or an email the
/// client's mail server accepted (email has no delivery report). Outcome reporting splits the no-show
/// rate by it. Appended with the step that shows it, once per reminder.
/// </summary>
public sealed record ReminderReached(Guid MessageId, Guid AppointmentId, Guid ClientId, Guid LocationId, Channel Channel, DateTimeOffset ReachedAt);

/// <summary>The answers a client gives to a message.</summary>
public static class Answers
{
    /// <summary>Take the time a waitlist offer holds.</summary>
    public const string Claim = "claim";

    public const string Confirm = "confirm";

    public const string Cancel = "cancel";

    public const string Stop = "stop";
}
