namespace Shop.Messaging;

/// <summary>The events a service consumes, by routing key, and the queue they arrive on.</summary>
public sealed class EventSubscriptions
{
    private readonly Dictionary<string, Type> _eventTypes = new(StringComparer.Ordinal);

    public string QueueName { get; set; } = "";

    public IReadOnlyDictionary<string, Type> EventTypes => _eventTypes;

    internal void Add(Type eventType) => _eventTypes[IntegrationEvent.RoutingKeyFor(eventType)] = eventType;
}
