namespace Shop.Messaging.Inbox;

/// <summary>Remembers which messages a service has handled, so a redelivered message is not handled twice.</summary>
public interface IInbox
{
    /// <summary>Runs <paramref name="handle"/> unless this message was handled before; false when it was.</summary>
    Task<bool> HandleOnceAsync(Guid messageId, string consumer, Func<Task> handle, CancellationToken cancellationToken);
}
