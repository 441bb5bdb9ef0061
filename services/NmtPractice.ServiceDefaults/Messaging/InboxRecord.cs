namespace NmtPractice.ServiceDefaults.Messaging;

/// <summary>
/// A message a consumer endpoint has processed, stored in the same transaction as the consumer's own
/// writes, so that a redelivered message is recognised and never applied twice.
/// </summary>
/// <param name="Id">Endpoint and message id: <c>{queue}/{messageId}</c>.</param>
/// <param name="MessageId">The message id (the publisher's event id).</param>
/// <param name="MessageType">The message's contract type name.</param>
/// <param name="Endpoint">The receiving queue.</param>
/// <param name="ProcessedAt">When it was processed.</param>
/// <param name="CorrelationId">The correlation id it carried.</param>
/// <param name="TraceId">The W3C trace id under which it was consumed.</param>
/// <param name="DuplicateDeliveries">How often it arrived again and was skipped (a redelivery storm shows here).</param>
public sealed record InboxRecord(
    string Id,
    Guid MessageId,
    string MessageType,
    string Endpoint,
    DateTimeOffset ProcessedAt,
    string? CorrelationId,
    string? TraceId,
    int DuplicateDeliveries = 0)
{
    /// <summary>The inbox key of a message on an endpoint.</summary>
    public static string KeyFor(string endpoint, Guid messageId) => $"{endpoint}/{messageId:N}";
}
