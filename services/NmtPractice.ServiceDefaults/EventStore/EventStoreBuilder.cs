using Marten;
using Microsoft.Extensions.Hosting;
using NmtPractice.ServiceDefaults.Messaging;

namespace NmtPractice.ServiceDefaults.EventStore;

/// <summary>Further configuration of a service's event store.</summary>
public sealed class EventStoreBuilder(IHostApplicationBuilder host, MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
{
    /// <summary>The Marten registration, for anything not covered here.</summary>
    public MartenServiceCollectionExtensions.MartenConfigurationExpression Marten { get; } = marten;

    /// <summary>
    /// Publishes integration events for committed domain events through a Marten subscription
    /// (at least once; progress is stored with the events, so a crash replays and never skips).
    /// </summary>
    public EventStoreBuilder PublishIntegrationEvents(Action<IntegrationEventMap> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var integrationEvents = new IntegrationEventMap();
        map(integrationEvents);

        host.Services.AddSingleton(integrationEvents);
        Marten.AddSubscriptionWithServices<IntegrationEventPublisher>(ServiceLifetime.Singleton, options =>
        {
            options.Name = IntegrationEventPublisher.SubscriptionName;
            foreach (var eventType in integrationEvents.DomainEventTypes)
            {
                options.IncludeType(eventType);
            }
        });
        return this;
    }
}
