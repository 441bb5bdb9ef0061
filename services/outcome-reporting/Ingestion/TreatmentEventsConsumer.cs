using MassTransit;
using NmtPractice.Contracts.TreatmentRecords;

namespace NmtPractice.OutcomeReporting.Ingestion;

/// <summary>Treatment records' signed and amended sessions (stream per session).</summary>
internal sealed class TreatmentEventsConsumer(IDocumentSession session) : IConsumer<SessionSigned>, IConsumer<SessionAmended>
{
    public Task Consume(ConsumeContext<SessionSigned> context) => Ingest.Append(session, context, e => e.SessionId);

    public Task Consume(ConsumeContext<SessionAmended> context) => Ingest.Append(session, context, e => e.SessionId);
}
