using JasperFx.Events;
using NmtPractice.Contracts;

namespace NmtPractice.ServiceDefaults.Messaging;

/// <summary>
/// Which committed domain events a service publishes, and as which integration event. Domain events
/// stay private to the service; only the mapped integration events leave it.
/// </summary>
public sealed class IntegrationEventMap
{
    private readonly Dictionary<Type, Func<IEvent, IIntegrationEvent?>> _maps = [];

    /// <summary>The domain event types with a mapping.</summary>
    public IReadOnlyCollection<Type> DomainEventTypes => _maps.Keys;

    /// <summary>
    /// Publishes <typeparamref name="TDomainEvent"/> as the integration event <paramref name="map"/>
    /// returns (or nothing, when it returns null). One domain event maps to at most one integration
    /// event, so that the message id can be the domain event's id.
    /// </summary>
    public IntegrationEventMap Map<TDomainEvent>(Func<TDomainEvent, IEvent, IIntegrationEvent?> map)
        where TDomainEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(map);
        if (!_maps.TryAdd(typeof(TDomainEvent), e => map((TDomainEvent)e.Data, e)))
        {
            throw new InvalidOperationException($"{typeof(TDomainEvent).Name} is already mapped to an integration event.");
        }

        return this;
    }

    /// <summary>The integration event for a committed domain event, if it has one.</summary>
    public IIntegrationEvent? ToIntegrationEvent(IEvent committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        return _maps.TryGetValue(committed.EventType, out var map) ? map(committed) : null;
    }
}
