namespace NmtPractice.ServiceDefaults.Messaging;

/// <summary>Headers every integration message carries besides MassTransit's own.</summary>
public static class MessageHeaders
{
    /// <summary>The correlation id of the request that led to the message.</summary>
    public const string CorrelationId = "nmt-correlation-id";

    /// <summary>What caused the event: the request or message id.</summary>
    public const string CausationId = "nmt-causation-id";

    /// <summary>The global sequence number of the source event in the publisher's event store.</summary>
    public const string EventSequence = "nmt-event-sequence";
}
