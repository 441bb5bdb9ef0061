using MassTransit;

namespace NmtPractice.OutcomeReporting.Ingestion;

/// <summary>The consumers that ingest other services' integration events: one queue per publishing service.</summary>
internal static class IngestionConsumers
{
    public static void Register(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SchedulingEventsConsumer, InOrderDefinition<SchedulingEventsConsumer>>();
        bus.AddConsumer<IntakeEventsConsumer, InOrderDefinition<IntakeEventsConsumer>>();
        bus.AddConsumer<TreatmentEventsConsumer, InOrderDefinition<TreatmentEventsConsumer>>();
        bus.AddConsumer<NotificationsEventsConsumer, InOrderDefinition<NotificationsEventsConsumer>>();
    }
}

/// <summary>
/// One message at a time per queue, so events reach the store in the order each service published
/// them (a cancellation after its booking, an amendment after its signature). Reporting is not on
/// anyone's request path, and one service's queue never waits for another's.
/// </summary>
internal sealed class InOrderDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public InOrderDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.PrefetchCount = 16;
    }
}
