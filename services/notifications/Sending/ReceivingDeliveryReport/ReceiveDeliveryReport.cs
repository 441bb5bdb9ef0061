using Microsoft.Extensions.Options;

namespace NmtPractice.Notifications.Sending.ReceivingDeliveryReport;

/// <summary>
/// <c>GET /api/notifications/sms/delivery-reports?message=…&amp;sig=…&amp;status=N</c>: the SMS gateway
/// reports what became of a text (Kannel's status: 1 delivered, 2 not delivered, 16 refused by the
/// operator; others, such as 8 for the operator's acknowledgement, change nothing). Called by the
/// gateway, not by people: no token, but the signature of the message id that only this service can
/// make. A report repeated, or arriving for a message already answered, changes nothing; one that
/// arrives before the hand-over is recorded is answered 503, and the gateway sends it again.
/// </summary>
internal static class ReceiveDeliveryReportEndpoint
{
    internal static async Task<IResult> Handle(
        Guid? message, string? sig, int? status, RecordWriter writer, IOptions<NotificationsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (message is not { } id || status is not { } code)
        {
            throw new RequestValidationException(message is null ? "message" : "status", "Required.");
        }

        if (!DeliveryReportSignature.IsValid(options.Value.Sms, id, sig))
        {
            throw new ForbiddenException("The report's signature does not match the message.");
        }

        // The signature is the caller's authority over this one message.
        var write = await writer.LoadAsync(Message.Rules, id, Audited.Update, cancellationToken, mayChange: _ => true);
        var held = write.State;
        if (held.Status == MessageStatus.Due)
        {
            // The operator can report faster than the hand-over is recorded: the gateway asks again shortly (it retries anything but 200 and 202).
            return TypedResults.Problem(
                title: "Not recorded yet", detail: "The message's hand-over is still being recorded; report again in a moment.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var now = time.GetUtcNow();
        object? change = (code, held.Status) switch
        {
            (1, MessageStatus.Sent) => new MessageDelivered(id, now),
            (2, MessageStatus.Sent or MessageStatus.Delivered) => new MessageFailed(id, "The operator could not deliver it to the phone.", now),
            (16, MessageStatus.Sent) => new MessageBounced(id, "The operator refused the number.", now),
            _ => null,
        };
        if (change is not null)
        {
            await write.CommitAsync(held.WithReach(change), cancellationToken);
        }

        return TypedResults.Ok();
    }
}
