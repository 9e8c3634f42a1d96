namespace Shop.Messaging.Inbox;

/// <summary>A message a consumer has handled; its id and the consumer are the key.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }
    public string Consumer { get; private set; } = "";
    public DateTimeOffset HandledAt { get; private set; }

    private InboxMessage() { }

    public InboxMessage(Guid messageId, string consumer, DateTimeOffset handledAt)
    {
        MessageId = messageId;
        Consumer = consumer;
        HandledAt = handledAt;
    }
}
