using MassTransit;
using NmtPractice.Contracts;

namespace NmtPractice.OutcomeReporting.Ingestion;

/// <summary>
/// Appends a consumed integration event to outcome reporting's own event store, on the stream of
/// the thing it is about; the read models are projected from there. The inbox filter commits the
/// append together with the message's inbox record, so a redelivered or replayed message is never
/// stored (or counted) twice.
/// </summary>
internal static class Ingest
{
    public static Task Append<TEvent>(IDocumentSession session, ConsumeContext<TEvent> context, Func<TEvent, Guid> streamOf)
        where TEvent : class, IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(context);
        session.Events.Append(streamOf(context.Message), context.Message);
        return Task.CompletedTask;
    }
}
