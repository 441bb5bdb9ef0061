namespace NmtPractice.Notifications.Messages;

/// <summary>One step of a message's life: where it went, when, and why.</summary>
public sealed record MessageStep(MessageStatus Status, DateTimeOffset At, string? Reason);

/// <summary>
/// A message to a client: a stream of its own, planned -> due -> sent -> delivered / failed / bounced /
/// answered (or withdrawn before it was sent), with the reason at each step. Kept inline as a document
/// so that the dispatcher finds what is due by <see cref="Status"/> and <see cref="SendAt"/>.
/// <see cref="StreamVersion"/> counts its events (not named <c>Version</c>, which Marten sets on a
/// snapshot as it sees fit): a change is appended expecting it, so two writers never both act on one state.
/// </summary>
public sealed record Message(
    Guid Id,
    MessageKind Kind,
    Channel Channel,
    Guid ClientId,
    Guid LocationId,
    MessageFacts Facts,
    MessageStatus Status,
    DateTimeOffset SendAt,
    int Attempts,
    string? ProviderReference,
    IReadOnlyList<MessageStep> History,
    long StreamVersion,
    string? ClaimRefusal = null) : IEventSourced<Message>
{
    /// <summary>How the shared write path treats a message: it belongs to its location; its steps are not audited (they say nothing of health).</summary>
    internal static readonly RecordRules<Message> Rules = new() { Noun = "message", Location = message => message.LocationId };

    /// <summary>The appointment it is about, for finding an appointment's messages.</summary>
    public Guid? AppointmentId => Facts.AppointmentId;

    /// <summary>Not sent yet, and may still be (planned, or waiting for a retry).</summary>
    public bool IsPending => Status == MessageStatus.Planned;

    /// <summary>Handed over (sent, delivered, answered): nothing about it can be withdrawn any more.</summary>
    public bool WasSent => Status is MessageStatus.Sent or MessageStatus.Delivered or MessageStatus.Answered or MessageStatus.Bounced
        || (Status == MessageStatus.Failed && History.Any(step => step.Status == MessageStatus.Sent));

    public static Message Create(MessagePlanned planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return new Message(
            planned.MessageId, planned.Kind, planned.Channel, planned.ClientId, planned.LocationId, planned.Facts,
            MessageStatus.Planned, planned.SendAt.ToUniversalTime(), 0, null, [new MessageStep(MessageStatus.Planned, planned.PlannedAt, planned.Because)], 1);
    }

    public Message Apply(MessageReplanned replanned)
    {
        ArgumentNullException.ThrowIfNull(replanned);
        return Step(MessageStatus.Planned, replanned.ReplannedAt, replanned.Because) with { Facts = replanned.Facts, SendAt = replanned.SendAt.ToUniversalTime() };
    }

    public Message Apply(MessageWithdrawn withdrawn)
    {
        ArgumentNullException.ThrowIfNull(withdrawn);
        return Step(MessageStatus.Withdrawn, withdrawn.WithdrawnAt, withdrawn.Reason);
    }

    public Message Apply(MessageDue due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return Step(MessageStatus.Due, due.DueAt, null) with { Attempts = due.Attempt };
    }

    public Message Apply(MessageSent sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        return Step(MessageStatus.Sent, sent.SentAt, null) with { ProviderReference = sent.ProviderReference };
    }

    public Message Apply(MessageDeferred deferred)
    {
        ArgumentNullException.ThrowIfNull(deferred);
        return Step(MessageStatus.Planned, deferred.DeferredAt, deferred.Reason) with { SendAt = deferred.RetryAt.ToUniversalTime() };
    }

    public Message Apply(MessageFailed failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return Step(MessageStatus.Failed, failed.FailedAt, failed.Reason);
    }

    public Message Apply(MessageDelivered delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        return Step(MessageStatus.Delivered, delivered.DeliveredAt, null);
    }

    public Message Apply(MessageBounced bounced)
    {
        ArgumentNullException.ThrowIfNull(bounced);
        return Step(MessageStatus.Bounced, bounced.BouncedAt, bounced.Reason);
    }

    public Message Apply(MessageAnswered answered)
    {
        ArgumentNullException.ThrowIfNull(answered);
        return Step(MessageStatus.Answered, answered.AnsweredAt, answered.Answer);
    }

    public Message Apply(WaitlistOfferTaken taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        return Step(MessageStatus.Answered, taken.TakenAt, Answers.Claim);
    }

    /// <summary>The claim was refused: the message stays answered, and says why.</summary>
    public Message Apply(OfferClaimRefused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return Step(MessageStatus.Answered, refused.RefusedAt, $"Claim refused: {refused.Reason}") with { ClaimRefusal = refused.Reason };
    }

    /// <summary>A reminder's reaching the client is a fact for reporting, not a step of its own.</summary>
    public Message Apply(ReminderReached reached)
    {
        ArgumentNullException.ThrowIfNull(reached);
        return this with { StreamVersion = StreamVersion + 1 };
    }

    /// <summary>
    /// With <paramref name="change"/>, the events to append: it, and the fact that a reminder reached
    /// the client when that is what it shows (an email accepted, a text delivered).
    /// </summary>
    public IReadOnlyList<object> WithReach(object change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var reached = (Kind, Channel, change, AppointmentId) switch
        {
            (MessageKind.Reminder, Channel.Email, MessageSent sent, { } appointment) => new ReminderReached(Id, appointment, ClientId, LocationId, Channel, sent.SentAt),
            (MessageKind.Reminder, Channel.Sms, MessageDelivered delivered, { } appointment) => new ReminderReached(Id, appointment, ClientId, LocationId, Channel, delivered.DeliveredAt),
            _ => null,
        };
        return reached is null ? [change] : [change, reached];
    }

    /// <summary>The message after any of its events but the first.</summary>
    public Message After(object change) => change switch
    {
        MessageReplanned e => Apply(e),
        MessageWithdrawn e => Apply(e),
        MessageDue e => Apply(e),
        MessageSent e => Apply(e),
        MessageDeferred e => Apply(e),
        MessageFailed e => Apply(e),
        MessageDelivered e => Apply(e),
        MessageBounced e => Apply(e),
        MessageAnswered e => Apply(e),
        WaitlistOfferTaken e => Apply(e),
        OfferClaimRefused e => Apply(e),
        ReminderReached e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of a planned message.", nameof(change)),
    };

    /// <summary>Each event is a step, and the next version: the dispatcher and the planner append with the version they read.</summary>
    private Message Step(MessageStatus status, DateTimeOffset at, string? reason) =>
        this with { Status = status, History = [.. History, new MessageStep(status, at, reason)], StreamVersion = StreamVersion + 1 };
}
