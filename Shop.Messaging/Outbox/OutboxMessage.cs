namespace Shop.Messaging.Outbox;

/// <summary>An integration event saved with the change it announces, waiting for the relay to publish it.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; private set; }
    public string Type { get; private set; } = "";
    public byte[] Body { get; private set; } = [];
    public DateTimeOffset OccurredAt { get; private set; }
    public string? TraceParent { get; private set; }
    public string? TraceState { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public int PublishAttempts { get; private set; }

    private OutboxMessage() { }

    public OutboxMessage(OutgoingMessage message)
    {
        Id = message.Id;
        Type = message.RoutingKey;
        Body = message.Body;
        OccurredAt = message.OccurredAt;
        TraceParent = message.TraceParent;
        TraceState = message.TraceState;
    }

    public OutgoingMessage ToOutgoing() => new(Id, Type, Body, OccurredAt, TraceParent, TraceState);
}
