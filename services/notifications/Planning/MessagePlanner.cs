using NmtPractice.Notifications.Appointments;
using NmtPractice.Notifications.Locations;
using NmtPractice.Notifications.Recipients;

namespace NmtPractice.Notifications.Planning;

/// <summary>
/// Decides which messages a client is sent and when, from the appointment, the client's consent and
/// the location's rules as they now stand, and writes the difference to what is planned: new messages
/// are planned, messages not sent yet are planned again (another time, other facts) or withdrawn. A
/// message already handed over is never touched. Runs inside a consumer, whose commit writes it all.
/// </summary>
internal sealed class MessagePlanner(IDocumentSession session, TimeProvider time)
{
    /// <summary>How long after a booking its confirmation is still worth sending (a consent recorded days later sends none).</summary>
    internal static readonly TimeSpan ConfirmationWindow = TimeSpan.FromHours(24);

    private static readonly MessageKind[] AppointmentKinds = [MessageKind.Confirmation, MessageKind.Reminder];

    /// <summary>
    /// Plans, re-plans or withdraws the confirmation and reminders of <paramref name="appointment"/>, by
    /// the location's rules (or <paramref name="newRules"/>, being set in the same commit) and the client's
    /// consent (or <paramref name="newRecipient"/>, being stored in the same commit).
    /// </summary>
    public async Task ReplanAppointmentAsync(
        KnownAppointment appointment, string because, CancellationToken cancellationToken, SendRules? newRules = null, Recipient? newRecipient = null)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        // A change stored in this session is not read back by a load: the caller's new state is passed in.
        var recipient = newRecipient ?? await session.LoadAsync<Recipient>(appointment.ClientId, cancellationToken);
        var (rules, zone) = await RulesAsync(appointment.LocationId, cancellationToken);
        rules = newRules ?? rules;
        var now = time.GetUtcNow();
        var wanted = Wanted(appointment, recipient, rules, zone, now).ToDictionary(message => message.Id);
        var appointmentId = (Guid?)appointment.Id;
        var existing = await session.Query<Message>()
            .Where(message => message.Facts.AppointmentId == appointmentId && AppointmentKinds.Contains(message.Kind))
            .ToListAsync(cancellationToken);

        foreach (var message in existing.Where(message => message.IsPending && !wanted.ContainsKey(message.Id)))
        {
            Append(message, new MessageWithdrawn(message.Id, WithdrawalReason(message, appointment, recipient), now));
        }

        foreach (var plan in wanted.Values)
        {
            var held = existing.FirstOrDefault(message => message.Id == plan.Id);
            if (held is null)
            {
                session.Events.StartStream<Message>(plan.Id, new MessagePlanned(plan.Id, plan.Kind, plan.Channel, appointment.ClientId, appointment.LocationId, plan.Facts, plan.SendAt, because, now));
            }
            else if (held.Status == MessageStatus.Withdrawn
                || (held.IsPending && held.Attempts == 0 && (held.SendAt != plan.SendAt || held.Facts != plan.Facts)))
            {
                Append(held, new MessageReplanned(held.Id, plan.Facts, plan.SendAt, because, now));
            }
        }
    }

    /// <summary>
    /// The channels on which the client has heard of <paramref name="appointmentId"/> (a message about it
    /// was handed over, or is being): a change or cancellation is told there, and only there. Moved or
    /// cancelled before anything went, the client is told nothing (the confirmation still to go says it as it now is, or goes no more).
    /// </summary>
    public async Task<IReadOnlyList<Channel>> ToldOnAsync(Guid appointmentId, CancellationToken cancellationToken)
    {
        var id = (Guid?)appointmentId;
        var messages = await session.Query<Message>().Where(message => message.Facts.AppointmentId == id).ToListAsync(cancellationToken);
        return [.. messages.Where(message => message.WasSent || message.Status == MessageStatus.Due).Select(message => message.Channel).Distinct()];
    }

    /// <summary>
    /// Plans a notice (a change, a cancellation, an offer) on every channel the client agreed to (of
    /// <paramref name="only"/>, when given): email now, a text now or when the quiet hours end, and not
    /// at all when that is not before <paramref name="notAfter"/>. <paramref name="key"/> tells two notices of one subject apart.
    /// </summary>
    public async Task PlanNoticeAsync(
        MessageKind kind, Guid clientId, Guid locationId, MessageFacts facts, DateTimeOffset notAfter, string because, CancellationToken cancellationToken,
        Guid key = default, IReadOnlyList<Channel>? only = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var recipient = await session.LoadAsync<Recipient>(clientId, cancellationToken);
        if (recipient is null)
        {
            return;
        }

        var (rules, zone) = await RulesAsync(locationId, cancellationToken);
        var now = time.GetUtcNow();
        var subject = facts.AppointmentId ?? facts.WaitlistEntryId ?? clientId;
        foreach (var channel in recipient.Channels.Where(channel => only is null || only.Contains(channel)))
        {
            var sendAt = channel == Channel.Email ? now : SendTimes.NextAllowed(now, rules, zone);
            if (sendAt >= notAfter)
            {
                continue;
            }

            var id = MessageIds.For(kind, channel, subject, key);
            var state = await session.Events.FetchStreamStateAsync(id, cancellationToken);
            if (state is null)
            {
                session.Events.StartStream<Message>(id, new MessagePlanned(id, kind, channel, clientId, locationId, facts, sendAt, because, now));
            }
        }
    }

    /// <summary>A location's rules change: the reminders of its upcoming appointments follow them.</summary>
    public async Task ReplanLocationAsync(Guid locationId, SendRules rules, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var upcoming = await session.Query<KnownAppointment>()
            .Where(appointment => appointment.LocationId == locationId && appointment.State == AppointmentState.Booked && appointment.StartsAt > now)
            .ToListAsync(cancellationToken);
        foreach (var appointment in upcoming)
        {
            await ReplanAppointmentAsync(appointment, "the location's message rules changed", cancellationToken, rules);
        }
    }

    /// <summary>After the client's consent or contact changed: the upcoming appointments' messages follow it, and nothing waits on a channel now closed.</summary>
    public async Task ReplanClientAsync(Recipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var now = time.GetUtcNow();
        var upcoming = await session.Query<KnownAppointment>()
            .Where(appointment => appointment.ClientId == recipient.Id && appointment.State == AppointmentState.Booked && appointment.StartsAt > now)
            .ToListAsync(cancellationToken);
        foreach (var appointment in upcoming)
        {
            await ReplanAppointmentAsync(appointment, "the client's message preferences changed", cancellationToken, newRecipient: recipient);
        }

        var closed = Enum.GetValues<Channel>().Where(channel => !recipient.Allows(channel)).ToArray();
        var waiting = await session.Query<Message>()
            .Where(message => message.ClientId == recipient.Id && message.Status == MessageStatus.Planned && closed.Contains(message.Channel) && !AppointmentKinds.Contains(message.Kind))
            .ToListAsync(cancellationToken);
        foreach (var message in waiting)
        {
            Append(message, new MessageWithdrawn(message.Id, NoConsent(message.Channel), now));
        }
    }

    /// <summary>
    /// A number answered STOP: texts to every client with that number stop now (nothing waiting is
    /// sent), the latest text each was sent records the answer (intake hears of it through that), and
    /// the number gets one reply saying so, the last text it is sent.
    /// </summary>
    public async Task StopTextsAsync(IReadOnlyList<Recipient> recipients, IReadOnlyList<Message> texted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(texted);
        foreach (var recipient in recipients.Where(recipient => recipient.SmsStoppedAt is null))
        {
            session.Store(recipient with { SmsStoppedAt = now });
            var waiting = await session.Query<Message>()
                .Where(message => message.ClientId == recipient.Id && message.Channel == Channel.Sms && message.Status == MessageStatus.Planned)
                .ToListAsync(cancellationToken);
            foreach (var message in waiting)
            {
                Append(message, new MessageWithdrawn(message.Id, "The client answered STOP.", now));
            }

            if (texted.FirstOrDefault(message => message.ClientId == recipient.Id) is { } latest && !waiting.Any(message => message.Id == latest.Id))
            {
                Append(latest, new MessageAnswered(latest.Id, latest.ClientId, latest.LocationId, Channel.Sms, latest.Facts.AppointmentId, Answers.Stop, "sms", now));
            }
        }

        if (texted.Count > 0 && texted[0] is var last)
        {
            await PlanReplyAsync(last, Replies.ReplyTexts.OptedOut, now, cancellationToken, last.Id);
        }
    }

    /// <summary>
    /// Plans the text that answers a client's text (or the outcome of their answer) about
    /// <paramref name="answered"/>, to go at once; none when the answered message was not a text (a link's page shows its outcome).
    /// </summary>
    public async Task PlanReplyAsync(Message answered, string reply, DateTimeOffset now, CancellationToken cancellationToken, Guid key = default)
    {
        ArgumentNullException.ThrowIfNull(answered);
        if (answered.Channel != Channel.Sms)
        {
            return;
        }

        var id = MessageIds.For(MessageKind.Reply, Channel.Sms, answered.Id, reply, key);
        if (await session.Events.FetchStreamStateAsync(id, cancellationToken) is null)
        {
            session.Events.StartStream<Message>(id, new MessagePlanned(
                id, MessageKind.Reply, Channel.Sms, answered.ClientId, answered.LocationId, answered.Facts with { ReplyTo = answered.Id, Text = reply },
                now, "an answer to the client's text", now));
        }
    }

    /// <summary>
    /// Plans the email with a portal sign-in code (already encrypted for <paramref name="recipient"/>),
    /// to go now and not after <paramref name="expiresAt"/>: once per sign-in request, however often it is asked.
    /// </summary>
    public async Task PlanSignInCodeAsync(Recipient recipient, Guid requestId, string protectedCode, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var id = MessageIds.For(MessageKind.SignInCode, Channel.Email, requestId);
        if (await session.Events.FetchStreamStateAsync(id, cancellationToken) is null)
        {
            var now = time.GetUtcNow();
            session.Events.StartStream<Message>(id, new MessagePlanned(
                id, MessageKind.SignInCode, Channel.Email, recipient.Id, recipient.LocationId, new MessageFacts(HoldsUntil: expiresAt, Text: protectedCode),
                now, "the client asked for a code to sign in to the portal", now));
        }
    }

    /// <summary>Plans the reply that tells the client what became of their answer to <paramref name="answeredId"/>.</summary>
    public async Task ReplyToAnswerAsync(Guid answeredId, string reply, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Message>(answeredId, cancellationToken) is { } answered)
        {
            await PlanReplyAsync(answered, reply, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>The confirmation and reminders <paramref name="appointment"/> should have now.</summary>
    internal static IEnumerable<PlannedSend> Wanted(KnownAppointment appointment, Recipient? recipient, SendRules rules, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (recipient is null || appointment.State != AppointmentState.Booked || appointment.StartsAt <= now)
        {
            yield break;
        }

        foreach (var channel in recipient.Channels)
        {
            if (appointment.BookedAt >= now - ConfirmationWindow)
            {
                var sendAt = channel == Channel.Email ? now : SendTimes.NextAllowed(now, rules, zone);
                if (sendAt < appointment.StartsAt)
                {
                    yield return new PlannedSend(MessageIds.For(MessageKind.Confirmation, channel, appointment.Id), MessageKind.Confirmation, channel, appointment.Facts, sendAt);
                }
            }

            if (SendTimes.Reminder(appointment.StartsAt, channel, rules, zone, now) is { } remindAt)
            {
                yield return new PlannedSend(
                    MessageIds.For(MessageKind.Reminder, channel, appointment.Id, appointment.StartsAt), MessageKind.Reminder, channel, appointment.Facts, remindAt);
            }
        }
    }

    /// <summary>The rules of <paramref name="locationId"/> and its zone.</summary>
    internal async Task<(SendRules Rules, TimeZoneInfo Zone)> RulesAsync(Guid locationId, CancellationToken cancellationToken)
    {
        var settings = await session.LoadAsync<MessageSettings>(locationId, cancellationToken);
        var location = await session.LoadAsync<KnownLocation>(locationId, cancellationToken);
        return (settings?.Rules ?? SendRules.Default, location?.Zone ?? TimeZoneInfo.Utc);
    }

    internal static string NoConsent(Channel channel) =>
        channel == Channel.Email ? "The client does not agree to messages by email." : "The client does not agree to text messages.";

    private static string WithdrawalReason(Message message, KnownAppointment appointment, Recipient? recipient) =>
        appointment.State switch
        {
            AppointmentState.Cancelled => "The appointment was cancelled.",
            AppointmentState.CheckedIn or AppointmentState.Completed => "The client has come.",
            AppointmentState.NoShow => "The appointment has passed.",
            _ when message.Facts.StartsAt != appointment.StartsAt => "The appointment moved.",
            _ when recipient is null || !recipient.Allows(message.Channel) => NoConsent(message.Channel),
            _ => "No longer due.",
        };

    private void Append(Message message, object change) =>
        session.Events.Append(message.Id, message.StreamVersion + 1, change);
}

/// <summary>A message as it should be planned.</summary>
internal sealed record PlannedSend(Guid Id, MessageKind Kind, Channel Channel, MessageFacts Facts, DateTimeOffset SendAt);
