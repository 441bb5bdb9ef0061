using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Notifications.Links;

/// <summary>
/// Records on the offer message that scheduling refused the client's claim, and why, so that the link's
/// page says so when the client opens it again. A refusal delivered twice changes nothing.
/// </summary>
internal sealed class ClaimRefusalConsumer(IDocumentSession session) : IConsumer<WaitlistClaimRefused>
{
    public async Task Consume(ConsumeContext<WaitlistClaimRefused> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refused = context.Message;
        var stream = await session.Events.FetchForWriting<Message>(refused.ClaimId, context.CancellationToken);
        if (stream.Aggregate is not { } message || message.ClaimRefusal == refused.Reason)
        {
            return;
        }

        stream.AppendOne(new OfferClaimRefused(message.Id, refused.Reason, refused.OccurredAt));
    }
}
