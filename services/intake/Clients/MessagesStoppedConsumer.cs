using MassTransit;
using NmtPractice.Contracts.Notifications;

namespace NmtPractice.Intake.Clients;

/// <summary>
/// Records a client's "no more messages" (a text answered STOP, an unsubscribe link) as their withdrawn
/// consent on that channel: intake owns consent, and the contact it publishes again carries it.
/// </summary>
internal sealed class MessagesStoppedConsumer(IDocumentSession session) : IConsumer<ClientMessagesStopped>
{
    public async Task Consume(ConsumeContext<ClientMessagesStopped> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stopped = context.Message;
        var stream = await session.Events.FetchForWriting<ClientRecord>(stopped.ClientId, context.CancellationToken);
        if (stream.Aggregate is { } client && ClientDecisions.StopMessages(client, stopped.Channel, stopped.Via, stopped.OccurredAt) is { } recorded)
        {
            stream.AppendOne(recorded);
        }
    }
}
