using RabbitMQ.Client;

namespace Shop.Messaging;

internal static class MessagingTopologySetup
{
    public static async Task DeclareExchangesAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(MessagingTopology.EventsExchange, ExchangeType.Topic, durable: true, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(MessagingTopology.DeadLetterExchange, ExchangeType.Direct, durable: true, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A durable queue bound to the events it handles; a dead-letter queue for messages rejected for good; and one
    /// delay queue per retry delay, which returns each message to the queue when its time is up.
    /// </summary>
    public static async Task DeclareQueueAsync(
        IChannel channel, string queue, IEnumerable<string> routingKeys, IEnumerable<TimeSpan> retryDelays, CancellationToken cancellationToken)
    {
        await DeclareExchangesAsync(channel, cancellationToken);

        var deadLetterQueue = MessagingTopology.DeadLetterQueueFor(queue);
        await channel.QueueDeclareAsync(deadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(deadLetterQueue, MessagingTopology.DeadLetterExchange, deadLetterQueue, cancellationToken: cancellationToken);

        var arguments = new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = MessagingTopology.DeadLetterExchange,
            ["x-dead-letter-routing-key"] = deadLetterQueue,
        };
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        foreach (var routingKey in routingKeys)
        {
            await channel.QueueBindAsync(queue, MessagingTopology.EventsExchange, routingKey, cancellationToken: cancellationToken);
        }

        foreach (var delay in retryDelays.Distinct())
        {
            // One queue per delay: a fixed TTL per queue means no message waits behind a longer one.
            var retryArguments = new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (long)delay.TotalMilliseconds,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = queue,
            };
            await channel.QueueDeclareAsync(MessagingTopology.RetryQueueFor(queue, delay), durable: true, exclusive: false,
                autoDelete: false, retryArguments, cancellationToken: cancellationToken);
        }
    }
}
