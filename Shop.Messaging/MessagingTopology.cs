namespace Shop.Messaging;

/// <summary>Names shared by every publisher and consumer.</summary>
public static class MessagingTopology
{
    /// <summary>One durable topic exchange carries every integration event.</summary>
    public const string EventsExchange = "shop.events";

    /// <summary>Messages a consumer gives up on land here, never dropped.</summary>
    public const string DeadLetterExchange = "shop.events.dead";

    /// <summary>Which delivery attempt a message is on; 1 for the first.</summary>
    public const string AttemptHeader = "x-shop-attempt";

    public const string ActivitySourceName = "Shop.Messaging";

    public static string DeadLetterQueueFor(string queue) => queue + ".dead";

    /// <summary>A queue that holds messages for <paramref name="delay"/> and then hands them back to <paramref name="queue"/>.</summary>
    public static string RetryQueueFor(string queue, TimeSpan delay) => $"{queue}.retry.{(long)delay.TotalMilliseconds}ms";
}
