using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NmtPractice.Notifications.Appointments;
using NmtPractice.Notifications.Planning;
using NmtPractice.Notifications.Recipients;

namespace NmtPractice.Notifications.Replies.ReceivingText;

/// <summary>
/// <c>POST /api/notifications/sms/incoming?key=…</c>: the SMS gateway passes on a text a client sent
/// (the sender in <c>X-Kannel-From</c>, the text as the body). "C" or "YES" confirms, "X" cancels the
/// soonest upcoming appointment the client was texted about (scheduling decides, within the policy,
/// and the client gets the outcome as a reply); "STOP" stops every text to that number at once (and
/// intake records it); anything else gets a reply saying how to answer. A number no client has, and a
/// number that asked to STOP, get nothing. Called by the gateway, with the gateway's key.
/// </summary>
internal static class ReceiveTextEndpoint
{
    /// <summary>The longest text read (ten SMS parts).</summary>
    internal const int MaxLength = 1600;

    internal static async Task<IResult> Handle(
        HttpRequest request,
        string? key,
        RecordWriter writer,
        ContactProtector protector,
        MessagePlanner planner,
        IOptions<NotificationsOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(options.Value.Sms.InboundKey)))
        {
            throw new ForbiddenException("The gateway's key is missing or wrong.");
        }

        var from = request.Headers["X-Kannel-From"].ToString();
        if (protector.PhoneLookup(from) is not { } lookup)
        {
            throw new RequestValidationException("X-Kannel-From", "The sender's number is required.");
        }

        var text = await ReadTextAsync(request, cancellationToken);
        var session = writer.Session;
        // The gateway posts a text again when it did not see our answer: the same number, time and text is the same text.
        var received = MessageIds.For(MessageKind.Reply, Channel.Sms, "received", lookup, request.Headers["X-Kannel-Time"].ToString(), text);
        if (await session.LoadAsync<ReceivedText>(received, cancellationToken) is not null)
        {
            return TypedResults.Ok();
        }

        session.Store(new ReceivedText(received, time.GetUtcNow()));
        var recipients = await session.Query<Recipient>().Where(recipient => recipient.PhoneLookup == lookup).ToListAsync(cancellationToken);
        if (recipients.Count == 0 || recipients.All(recipient => recipient.SmsStoppedAt is not null))
        {
            await writer.CommitAlongAsync(cancellationToken);
            return TypedResults.Ok();
        }

        var now = time.GetUtcNow();
        var clients = recipients.Select(recipient => recipient.Id).ToArray();
        var texted = await session.Query<Message>()
            .Where(message => clients.Contains(message.ClientId) && message.Channel == Channel.Sms && message.Kind != MessageKind.Reply
                && (message.Status == MessageStatus.Sent || message.Status == MessageStatus.Delivered || message.Status == MessageStatus.Answered))
            .OrderByDescending(message => message.SendAt)
            .Take(50)
            .ToListAsync(cancellationToken);
        var answer = ReplyTexts.AnswerIn(text);

        if (answer == Answers.Stop)
        {
            await planner.StopTextsAsync(recipients, texted, now, cancellationToken);
            await writer.CommitAlongAsync(cancellationToken);
            return TypedResults.Ok();
        }

        var target = await AnsweredAsync(session, texted, now, cancellationToken);
        if (answer is null || target is null)
        {
            if (texted.Count > 0 && texted[0] is var latest)
            {
                await planner.PlanReplyAsync(latest, ReplyTexts.NotUnderstood, now, cancellationToken, received);
            }

            await writer.CommitAlongAsync(cancellationToken);

            return TypedResults.Ok();
        }

        // The key is the gateway's authority over the message the client answered.
        var write = await writer.LoadAsync(Message.Rules, target.Id, Audited.Update, cancellationToken, mayChange: _ => true);
        await write.CommitAsync(
            [new MessageAnswered(target.Id, target.ClientId, target.LocationId, target.Channel, target.Facts.AppointmentId, answer, "sms", now)],
            cancellationToken);
        return TypedResults.Ok();
    }

    /// <summary>The text message about the soonest upcoming appointment still booked as the message said.</summary>
    private static async Task<Message?> AnsweredAsync(IDocumentSession session, IReadOnlyList<Message> texted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var message in texted
            .Where(message => message.Kind is MessageKind.Confirmation or MessageKind.Reminder or MessageKind.Change && message.Facts.StartsAt > now)
            .OrderBy(message => message.Facts.StartsAt))
        {
            var appointment = await session.LoadAsync<KnownAppointment>(message.Facts.AppointmentId!.Value, cancellationToken);
            if (appointment is { State: AppointmentState.Booked } && appointment.StartsAt == message.Facts.StartsAt)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>A text taken in (by a hash of its number, time and text; nothing readable), so that the gateway's repeat is recognised.</summary>
    internal sealed record ReceivedText(Guid Id, DateTimeOffset ReceivedAt);

    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxLength + 1];
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (read > MaxLength)
        {
            throw new RequestValidationException("body", $"A text of at most {MaxLength} characters.");
        }

        return new string(buffer, 0, read);
    }
}
