namespace Shop.Messaging;

/// <summary>The events a service consumes, by type name.</summary>
public sealed class EventSubscriptions
{
    private readonly Dictionary<string, Type> _eventTypes = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Type> EventTypes => _eventTypes;

    internal void Add(Type eventType) => _eventTypes[IntegrationEvent.RoutingKeyFor(eventType)] = eventType;
}
