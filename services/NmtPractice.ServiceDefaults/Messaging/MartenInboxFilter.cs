using System.Diagnostics;
using JasperFx;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Telemetry;

namespace NmtPractice.ServiceDefaults.Messaging;

/// <summary>
/// Makes every consumer idempotent and transactional: the consumer writes through the scoped Marten
/// session, and this filter commits those writes together with an <see cref="InboxRecord"/> for the
/// message. A message already in the inbox is acknowledged without running the consumer again.
/// </summary>
/// <remarks>Consumers must not call <c>SaveChangesAsync</c> themselves; the filter commits once.</remarks>
internal sealed partial class MartenInboxFilter<TMessage>(
    IDocumentSession session,
    TimeProvider time,
    ILogger<MartenInboxFilter<TMessage>> logger) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; it cannot be deduplicated.");
        var endpoint = context.ReceiveContext.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "unknown";
        var key = InboxRecord.KeyFor(endpoint, messageId);

        if (await session.LoadAsync<InboxRecord>(key, context.CancellationToken).ConfigureAwait(false) is { } processed)
        {
            LogDuplicate(logger, typeof(TMessage).Name, messageId, endpoint);
            session.Store(processed with { DuplicateDeliveries = processed.DuplicateDeliveries + 1 });
            await session.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);

            // Handled (by the earlier delivery): acknowledged, not moved to the _skipped queue.
            await context.NotifyConsumed(context, TimeSpan.Zero, "martenInbox").ConfigureAwait(false);
            return;
        }

        var correlationId = context.Headers.Get<string>(MessageHeaders.CorrelationId);
        var previous = CorrelationContext.Current;
        CorrelationContext.Current = new CorrelationContext(correlationId ?? messageId.ToString("N"), messageId.ToString());
        session.CorrelationId = CorrelationContext.Current.CorrelationId;
        session.CausationId = messageId.ToString();
        Activity.Current?.SetTag(NmtTelemetry.CorrelationIdTag, CorrelationContext.Current.CorrelationId);

        session.Insert(new InboxRecord(
            key,
            messageId,
            typeof(TMessage).Name,
            endpoint,
            time.GetUtcNow(),
            correlationId,
            Activity.Current?.TraceId.ToHexString()));

        try
        {
            await next.Send(context).ConfigureAwait(false);
            await session.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (DocumentAlreadyExistsException)
        {
            // The same message was processed concurrently by another delivery, which committed first.
            LogDuplicate(logger, typeof(TMessage).Name, messageId, endpoint);
        }
        finally
        {
            CorrelationContext.Current = previous;
        }
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("martenInbox");

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {MessageType} {MessageId} on {Endpoint}: already processed")]
    private static partial void LogDuplicate(ILogger logger, string messageType, Guid messageId, string endpoint);
}
