using MassTransit;
using NmtPractice.Contracts.Intake;

namespace NmtPractice.Scheduling.Clients;

/// <summary>
/// What scheduling knows of a client, from intake's integration events: a display name for the
/// calendar, the latest screening and intake state, which gate booking, and the record a merged-away
/// duplicate registration now lives in (it is booked no more).
/// </summary>
public sealed record ClientBookingStatus(
    Guid Id,
    Guid LocationId,
    string DisplayName,
    string? ScreeningStatus,
    DateTimeOffset? ScreenedAt,
    DateOnly? IntakeValidUntil,
    DateTimeOffset? IntakeExpiredAt,
    IReadOnlyList<string> RegionsToAvoid,
    IReadOnlyList<string> Precautions,
    Guid? MergedInto = null)
{
    /// <summary>The intake lapsed, and no newer screening has come since.</summary>
    public bool IntakeExpired => IntakeExpiredAt is { } expired && (ScreenedAt is null || ScreenedAt <= expired);
}

/// <summary>Keeps <see cref="ClientBookingStatus"/> current; stale messages (older than what is held) change nothing.</summary>
internal sealed class ClientStatusConsumer(IDocumentSession session) :
    IConsumer<ClientRegistered>,
    IConsumer<ScreeningCompleted>,
    IConsumer<IntakeExpired>,
    IConsumer<ClientsMerged>
{
    public async Task Consume(ConsumeContext<ClientsMerged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var status = await session.LoadAsync<ClientBookingStatus>(message.DuplicateId, context.CancellationToken)
            ?? new ClientBookingStatus(message.DuplicateId, Guid.Empty, "Client", null, null, null, null, [], []);
        session.Store(status with { MergedInto = message.SurvivorId });
    }

    public async Task Consume(ConsumeContext<ClientRegistered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var status = await session.LoadAsync<ClientBookingStatus>(message.ClientId, context.CancellationToken);
        session.Store(status is null
            ? new ClientBookingStatus(message.ClientId, message.LocationId, message.DisplayName, null, null, null, null, [], [])
            : status with { DisplayName = message.DisplayName, LocationId = message.LocationId });
    }

    public async Task Consume(ConsumeContext<ScreeningCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var status = await session.LoadAsync<ClientBookingStatus>(message.ClientId, context.CancellationToken)
            ?? new ClientBookingStatus(message.ClientId, message.LocationId, "Client", null, null, null, null, [], []);
        if (status.ScreenedAt is { } held && held >= message.OccurredAt)
        {
            return;
        }

        session.Store(status with
        {
            ScreeningStatus = message.Status,
            ScreenedAt = message.OccurredAt,
            IntakeValidUntil = message.IntakeValidUntil,
            RegionsToAvoid = message.RegionsToAvoid,
            Precautions = message.Precautions,
        });
    }

    public async Task Consume(ConsumeContext<IntakeExpired> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var status = await session.LoadAsync<ClientBookingStatus>(message.ClientId, context.CancellationToken)
            ?? new ClientBookingStatus(message.ClientId, message.LocationId, "Client", null, null, null, null, [], []);
        if (status.IntakeExpiredAt is { } held && held >= message.OccurredAt)
        {
            return;
        }

        session.Store(status with { IntakeExpiredAt = message.OccurredAt });
    }
}

/// <summary>
/// Messages about one client are handled one at a time (partitioned by client id), so that they
/// rarely race for the same document; optimistic concurrency and retries cover the rest (replicas).
/// </summary>
internal sealed class ClientStatusConsumerDefinition : ConsumerDefinition<ClientStatusConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ClientStatusConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        var partitioner = endpointConfigurator.CreatePartitioner(8);
        consumerConfigurator.Message<ClientRegistered>(m => m.UsePartitioner(partitioner, c => c.Message.ClientId));
        consumerConfigurator.Message<ScreeningCompleted>(m => m.UsePartitioner(partitioner, c => c.Message.ClientId));
        consumerConfigurator.Message<IntakeExpired>(m => m.UsePartitioner(partitioner, c => c.Message.ClientId));
        consumerConfigurator.Message<ClientsMerged>(m => m.UsePartitioner(partitioner, c => c.Message.DuplicateId));
    }
}
