using MassTransit;
using NmtPractice.Contracts.Intake;

namespace NmtPractice.OutcomeReporting.Ingestion;

/// <summary>
/// Intake's events (stream per client). A registration is kept without the client's display name:
/// reporting holds no personal data.
/// </summary>
internal sealed class IntakeEventsConsumer(IDocumentSession session) :
    IConsumer<ClientRegistered>,
    IConsumer<ScreeningCompleted>,
    IConsumer<PhysicianClearanceRecorded>,
    IConsumer<IntakeExpired>
{
    public Task Consume(ConsumeContext<ClientRegistered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var registered = context.Message;
        session.Events.Append(registered.ClientId, new ClientRegisteredAt(registered.ClientId, registered.LocationId, registered.OccurredAt));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<ScreeningCompleted> context) => Ingest.Append(session, context, e => e.ClientId);

    public Task Consume(ConsumeContext<PhysicianClearanceRecorded> context) => Ingest.Append(session, context, e => e.ClientId);

    public Task Consume(ConsumeContext<IntakeExpired> context) => Ingest.Append(session, context, e => e.ClientId);
}

/// <summary>Outcome reporting's record of <see cref="ClientRegistered"/>: who and where, without the name.</summary>
public sealed record ClientRegisteredAt(Guid ClientId, Guid LocationId, DateTimeOffset OccurredAt);
