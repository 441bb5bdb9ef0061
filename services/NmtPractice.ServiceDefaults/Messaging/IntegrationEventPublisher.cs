using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using NmtPractice.Contracts;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Telemetry;
using Polly;
using Polly.Retry;

namespace NmtPractice.ServiceDefaults.Messaging;

/// <summary>
/// A Marten subscription that publishes committed domain events as integration events on RabbitMQ.
/// </summary>
/// <remarks>
/// Marten advances the subscription's progress (stored in the service's own database) only after a
/// page of events has been published and confirmed by the broker, so a crash or a broker outage
/// replays events and never skips one: delivery is at least once, and consumers deduplicate by the
/// message id, which is the Marten event id. While the broker is unreachable, publishing is retried
/// with capped exponential back-off until it succeeds or the daemon stops.
/// <para>
/// Each attempt is given <see cref="AttemptTimeout"/> to be confirmed. RabbitMQ.Client 7.2 can leave a
/// publish waiting for a confirmation that never comes when the broker restarts under load
/// (rabbitmq/rabbitmq-dotnet-client#1930); without a bound, that one publish holds up every later
/// event until the service restarts. A timed-out attempt is published again (the consumers'
/// inboxes drop the copy if the first one did arrive).
/// </para>
/// <para>
/// The back-off and the attempt timeout wait on the machine's clock, not on the service's
/// <see cref="TimeProvider"/>: that one is the business clock, which tests move by days; moved under a
/// publish in flight, it would time the attempt out at once and then hold its retry until the clock
/// moved again.
/// </para>
/// </remarks>
internal sealed partial class IntegrationEventPublisher(
    IBus bus,
    IntegrationEventMap map,
    ILogger<IntegrationEventPublisher> logger) : SubscriptionBase
{
    public const string SubscriptionName = "IntegrationEventPublisher";

    /// <summary>How long one attempt may wait for the broker's confirmation before it is published again.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    private readonly ResiliencePipeline _retry = PublishPipeline(TimeProvider.System, logger);

    /// <summary>
    /// Retries a publish until it is confirmed (capped exponential back-off, without end while the
    /// broker is away), giving each attempt <see cref="AttemptTimeout"/>; stops only when
    /// <c>cancellationToken</c> does (the daemon stopping).
    /// </summary>
    internal static ResiliencePipeline PublishPipeline(TimeProvider time, ILogger logger) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(15),
            OnRetry = args =>
            {
                LogPublishRetry(logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.GetType().Name);
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(AttemptTimeout)
        .Build();

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page,
        ISubscriptionController controller,
        IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var committed in page.Events)
        {
            if (map.ToIntegrationEvent(committed) is { } message)
            {
                await PublishAsync(committed, message, cancellationToken).ConfigureAwait(false);
            }
        }

        return NullChangeListener.Instance;
    }

    private async Task PublishAsync(IEvent committed, IIntegrationEvent message, CancellationToken cancellationToken)
    {
        var messageType = message.GetType();
        using var activity = NmtTelemetry.ActivitySource.StartActivity(
            $"publish {messageType.Name}",
            ActivityKind.Internal,
            ParentContext(committed));
        activity?.SetTag("messaging.message.id", committed.Id.ToString());
        activity?.SetTag("nmt.event.sequence", committed.Sequence);
        if (committed.CorrelationId is { } correlationId)
        {
            activity?.SetTag(NmtTelemetry.CorrelationIdTag, correlationId);
        }

        await _retry.ExecuteAsync(
            async token => await bus.Publish(message, messageType, context =>
            {
                context.MessageId = committed.Id;
                context.Durable = true;
                context.Headers.Set(MessageHeaders.EventSequence, committed.Sequence);
                if (committed.CorrelationId is { } correlation)
                {
                    context.Headers.Set(MessageHeaders.CorrelationId, correlation);
                }

                if (committed.CausationId is { } causation)
                {
                    context.Headers.Set(MessageHeaders.CausationId, causation);
                }
            }, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);

        LogPublished(logger, messageType.Name, committed.Id, committed.Sequence);
    }

    /// <summary>The trace context of the command that appended the event, so the trace continues.</summary>
    private static ActivityContext ParentContext(IEvent committed)
    {
        var traceParent = committed.GetHeader(CorrelatedSessionFactory.TraceParentHeader)?.ToString();
        var traceState = committed.GetHeader(CorrelatedSessionFactory.TraceStateHeader)?.ToString();
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published {MessageType} {MessageId} (event sequence {Sequence})")]
    private static partial void LogPublished(ILogger logger, string messageType, Guid messageId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing integration events failed ({ExceptionType}); attempt {Attempt} in {DelayMs} ms")]
    private static partial void LogPublishRetry(ILogger logger, int attempt, double delayMs, string? exceptionType);
}
