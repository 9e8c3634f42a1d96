namespace Shop.Messaging;

/// <summary>
/// A fact one service tells the others. The id lets consumers recognise a redelivery; the routing key is the
/// event's type name, so consumers bind to exactly the events they handle.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    public static string RoutingKeyFor(Type eventType) => eventType.Name;
}
