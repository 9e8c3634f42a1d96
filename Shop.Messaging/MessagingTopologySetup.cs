using RabbitMQ.Client;

namespace Shop.Messaging;

internal static class MessagingTopologySetup
{
    public static async Task DeclareExchangesAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(MessagingTopology.EventsExchange, ExchangeType.Topic, durable: true, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(MessagingTopology.DeadLetterExchange, ExchangeType.Direct, durable: true, cancellationToken: cancellationToken);
    }

    /// <summary>A durable queue whose rejected messages go to its own dead-letter queue.</summary>
    public static async Task DeclareQueueAsync(IChannel channel, string queue, IEnumerable<string> routingKeys, CancellationToken cancellationToken)
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
    }
}
