using JasperFx;
using Microsoft.Extensions.Options;
using NmtPractice.Notifications.Appointments;
using NmtPractice.Notifications.Locations;
using NmtPractice.Notifications.Planning;
using NmtPractice.Notifications.Recipients;
using NmtPractice.Notifications.Templates;
using NmtPractice.ServiceDefaults.Hosting;

namespace NmtPractice.Notifications.Sending;

/// <summary>
/// Sends what is due, one message at a time, at most once each: before a message is handed to the mail
/// server or SMS gateway, "due" is committed with the message's version (so two dispatchers never both
/// take it); afterwards, what became of it. A message found "due" after <see cref="NotificationsOptions.InterruptedAfter"/>
/// was being handed over when its process stopped: it is failed with that reason, never sent again.
/// Just before it goes, a message is checked against what is now known: an appointment cancelled or
/// moved, a consent withdrawn, an offer expired withdraw it; a text in the quiet hours waits for their end.
/// </summary>
internal sealed partial class MessageDispatcher(
    IDocumentStore store,
    IEnumerable<IMessageChannel> channels,
    ContactProtector protector,
    Links.LinkTokens links,
    IOptions<NotificationsOptions> options,
    DispatchSignal signal,
    TimeProvider time,
    ILogger<MessageDispatcher> logger) : RecurringJob(time, logger)
{
    private readonly Dictionary<Channel, IMessageChannel> _channels = channels.ToDictionary(channel => channel.Channel);

    protected override TimeSpan Interval => options.Value.DispatchInterval;

    protected override string Work => "Sending due messages";

    /// <summary>Rounds at every interval on the service's clock, and at once when a commit planned a message.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var wake = signal.WaitAsync(stoppingToken);
        while (true)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(Logger, ex.GetType().Name);
            }

            var next = await Task.WhenAny(tick, wake);
            if (next == tick)
            {
                if (!await tick)
                {
                    return;
                }

                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            }
            else
            {
                await wake;
                wake = signal.WaitAsync(stoppingToken);
            }
        }
    }

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await FailInterruptedAsync(cancellationToken);
        var now = Time.GetUtcNow();
        IReadOnlyList<Message> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<Message>()
                .Where(message => message.Status == MessageStatus.Planned && message.SendAt <= now)
                .OrderBy(message => message.SendAt)
                .Take(options.Value.DispatchBatch)
                .ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var message in due)
        {
            if (await SendOneAsync(message.Id, cancellationToken))
            {
                sent++;
            }
        }

        if (due.Count > 0)
        {
            LogRound(Logger, due.Count, sent);
        }
    }

    /// <summary>Takes one message, checks it, hands it over and records the outcome; true when it was accepted.</summary>
    internal async Task<bool> SendOneAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var message = await session.LoadAsync<Message>(messageId, cancellationToken);
        var now = Time.GetUtcNow();
        if (message is not { Status: MessageStatus.Planned } || message.SendAt > now)
        {
            return false;
        }

        var recipient = await session.LoadAsync<Recipient>(message.ClientId, cancellationToken);
        var appointment = message.Facts.AppointmentId is { } appointmentId ? await session.LoadAsync<KnownAppointment>(appointmentId, cancellationToken) : null;
        var location = await session.LoadAsync<KnownLocation>(message.LocationId, cancellationToken);
        var settings = await session.LoadAsync<MessageSettings>(message.LocationId, cancellationToken);
        var rules = settings?.Rules ?? SendRules.Default;
        var zone = location?.Zone ?? TimeZoneInfo.Utc;

        if (NoLongerWanted(message, recipient, appointment, now) is { } reason)
        {
            await RecordAsync(session, message, new MessageWithdrawn(message.Id, reason, now), cancellationToken);
            return false;
        }

        if (message.Channel == Channel.Sms && message.Kind != MessageKind.Reply && SendTimes.NextAllowed(now, rules, zone) is var allowed && allowed > now)
        {
            object wait = allowed < Deadline(message)
                ? new MessageDeferred(message.Id, message.Attempts, "Quiet hours at the location.", allowed, now)
                : new MessageWithdrawn(message.Id, "The quiet hours last until it is too late.", now);
            await RecordAsync(session, message, wait, cancellationToken);
            return false;
        }

        // Claim it: committed before the hand-over, with the version read, so that no one else takes it.
        var attempt = message.Attempts + 1;
        if (!await RecordAsync(session, message, new MessageDue(message.Id, attempt, now), cancellationToken))
        {
            return false;
        }

        var therapist = message.Facts.TherapistId is { } therapistId ? await session.LoadAsync<KnownTherapist>(therapistId, cancellationToken) : null;
        var answerable = message is { Channel: Channel.Email, Kind: MessageKind.Confirmation or MessageKind.Reminder or MessageKind.Change, Facts.StartsAt: { } startsAt };
        var claimable = message is { Kind: MessageKind.WaitlistOffer, Facts: { WaitlistEntryId: not null, StartsAt: { } offered } };
        var context = new MessageContext(
            location, therapist?.Name, options.Value.CancellationNotice,
            answerable ? links.Link(Links.LinkPurpose.Confirm, message.Id, message.Facts.StartsAt!.Value) : null,
            answerable ? links.Link(Links.LinkPurpose.Cancel, message.Id, message.Facts.StartsAt!.Value) : null,
            claimable ? links.Link(Links.LinkPurpose.Claim, message.Id, message.Facts.HoldsUntil ?? message.Facts.StartsAt!.Value) : null);
        var text = await TemplateLookup.TextAsync(session, message.Kind, message.LocationId, recipient!.Language, cancellationToken);
        // A sign-in code is kept encrypted for the client until this moment.
        var written = MessageTexts.Write(
            message.Kind == MessageKind.SignInCode ? message with { Facts = message.Facts with { Text = protector.Unprotect(message.ClientId, message.Facts.Text) } } : message,
            context, recipient.Language, text);
        var to = protector.Unprotect(recipient.Id, message.Channel == Channel.Email ? recipient.Email : recipient.Phone)!;
        var result = await _channels[message.Channel].SendAsync(
            new OutgoingMessage(message.Id, to, written.Subject, written.Text, message.Channel == Channel.Email ? written.Html : null, message.Channel == Channel.Email ? written.Calendar : null),
            CancellationToken.None);

        var after = Time.GetUtcNow();
        object outcome = result.Outcome switch
        {
            HandOver.Accepted => new MessageSent(message.Id, attempt, result.Reference, after),
            HandOver.Bounced => new MessageBounced(message.Id, result.Reason ?? "Refused.", after),
            HandOver.Transient when RetryAt(attempt, after, options.Value.FirstRetryAfter) is var retryAt && retryAt < Deadline(message)
                => new MessageDeferred(message.Id, attempt, result.Reason ?? "Failed.", retryAt, after),
            HandOver.Transient => new MessageFailed(message.Id, $"Gave up before it was too late: {result.Reason}", after),
            _ => new MessageFailed(message.Id, result.Reason ?? "Failed.", after),
        };
        session.Events.Append(message.Id, message.WithReach(outcome).ToArray());
        await session.SaveChangesAsync(CancellationToken.None);
        return result.Outcome == HandOver.Accepted;
    }

    /// <summary>Why the message should no longer go, or null when it should.</summary>
    internal static string? NoLongerWanted(Message message, Recipient? recipient, KnownAppointment? appointment, DateTimeOffset now)
    {
        if (message.Kind == MessageKind.Reply)
        {
            // A reply answers a text the client sent; after a STOP only the reply that confirms it goes.
            return recipient?.Phone is not null && (recipient.Allows(Channel.Sms) || message.Facts.Text == Replies.ReplyTexts.OptedOut)
                ? (now >= Deadline(message) ? "Too late to answer." : null)
                : MessagePlanner.NoConsent(message.Channel);
        }

        if (message.Kind == MessageKind.SignInCode)
        {
            // Asked for by the person who holds the address: preferences do not stop it; an erased record or an expired code does.
            return recipient?.Email is null || recipient.ErasedAt is not null ? "The client has no email address any more."
                : now >= Deadline(message) ? "Too late: the code has expired." : null;
        }

        if (recipient is null || !recipient.Allows(message.Channel))
        {
            return MessagePlanner.NoConsent(message.Channel);
        }

        if (message.Kind is MessageKind.Confirmation or MessageKind.Reminder or MessageKind.Change && appointment is not null)
        {
            if (appointment.State == AppointmentState.Cancelled)
            {
                return "The appointment was cancelled.";
            }

            if (appointment.State != AppointmentState.Booked)
            {
                return "The client has come.";
            }

            if (appointment.StartsAt != message.Facts.StartsAt)
            {
                return "The appointment moved.";
            }
        }

        return now >= Deadline(message) ? "Too late: the time it was about has come." : null;
    }

    /// <summary>When the message stops being worth sending.</summary>
    internal static DateTimeOffset Deadline(Message message) => message.Kind switch
    {
        MessageKind.WaitlistOffer => message.Facts.HoldsUntil ?? message.Facts.StartsAt ?? DateTimeOffset.MaxValue,
        MessageKind.Confirmation or MessageKind.Reminder or MessageKind.Change or MessageKind.Cancellation => message.Facts.StartsAt ?? DateTimeOffset.MaxValue,
        MessageKind.Reply => message.History[0].At.AddHours(1),
        MessageKind.SignInCode => message.Facts.HoldsUntil ?? message.History[0].At.AddMinutes(10),
        _ => message.History[0].At.AddDays(7),
    };

    /// <summary>Retries after <paramref name="first"/> (30 s), then twice as long each time (1, 2, 4 ... minutes), at most 30 minutes apart.</summary>
    internal static DateTimeOffset RetryAt(int attempt, DateTimeOffset now, TimeSpan first) =>
        now + TimeSpan.FromSeconds(Math.Min(first.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 16)), 1800));

    private async Task FailInterruptedAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow() - options.Value.InterruptedAfter;
        await using var session = store.LightweightSession();
        var stuck = await session.Query<Message>().Where(message => message.Status == MessageStatus.Due).ToListAsync(cancellationToken);
        foreach (var message in stuck.Where(message => message.History[^1].At < cutoff))
        {
            session.Events.Append(message.Id, message.StreamVersion + 1, new MessageFailed(
                message.Id, "The service stopped while handing it over; it is not sent again, in case the server took it.", Time.GetUtcNow()));
        }

        if (session.PendingChanges.Streams().Any())
        {
            await session.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Appends with the version read; false when another writer got there first.</summary>
    private static async Task<bool> RecordAsync(IDocumentSession session, Message message, object change, CancellationToken cancellationToken)
    {
        session.Events.Append(message.Id, message.StreamVersion + 1, change);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (ConcurrencyException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending due messages failed ({ExceptionType}); retrying next round")]
    private static partial void LogRoundFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed over {Sent} of {Due} due messages")]
    private static partial void LogRound(ILogger logger, int due, int sent);
}
