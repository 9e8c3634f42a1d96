namespace Shop.Messaging.Inbox;

/// <summary>A message a consumer has handled; its id and the consumer are the key.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }
    public string Consumer { get; private set; } = "";
    public DateTimeOffset HandledAt { get; private set; }

    // Rows are written by the inbox's INSERT ... ON CONFLICT; EF only maps the table.
    private InboxMessage() { }
}
