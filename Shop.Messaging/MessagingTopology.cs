namespace Shop.Messaging;

/// <summary>Names shared by every publisher and consumer.</summary>
public static class MessagingTopology
{
    /// <summary>One durable topic exchange carries every integration event.</summary>
    public const string EventsExchange = "shop.events";

    /// <summary>Messages a consumer gives up on land here, never dropped.</summary>
    public const string DeadLetterExchange = "shop.events.dead";

    public const string ActivitySourceName = "Shop.Messaging";

    public static string DeadLetterQueueFor(string queue) => queue + ".dead";
}
