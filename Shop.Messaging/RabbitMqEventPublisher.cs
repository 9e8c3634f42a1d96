using System.Diagnostics;
using RabbitMQ.Client;

namespace Shop.Messaging;

public interface IEventPublisher
{
    /// <summary>
    /// Publishes now and returns once the broker has confirmed it holds the message. A change and the event that
    /// announces it belong in one transaction: use the outbox (<c>DbContext.AddIntegrationEvent</c>) for those.
    /// </summary>
    Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default);
}

internal interface IMessagePublisher
{
    /// <summary>Publishes to the events exchange, or, with <paramref name="queue"/>, straight to that queue.</summary>
    Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken, string? queue = null, int attempt = 1);
}

/// <summary>Publishes persistent messages with publisher confirms: a message is sent once RabbitMQ says so.</summary>
internal sealed class RabbitMqEventPublisher(IConnection connection) : IEventPublisher, IMessagePublisher, IAsyncDisposable
{
    private readonly SemaphoreSlim _channelLock = new(1, 1);
    private IChannel? _channel;

    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default) =>
        PublishAsync(OutgoingMessage.From(integrationEvent), cancellationToken);

    public async Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken, string? queue = null, int attempt = 1)
    {
        var exchange = queue is null ? MessagingTopology.EventsExchange : "";
        using var activity = EventBusTracing.Source.StartActivity(
            $"{message.RoutingKey} publish", ActivityKind.Producer, message.ParentContext);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", queue ?? MessagingTopology.EventsExchange);
        activity?.SetTag("messaging.message.id", message.Id.ToString());

        var properties = new BasicProperties
        {
            MessageId = message.Id.ToString(),
            // Consumers dispatch on the type, which survives a detour through a retry queue; the routing key does not.
            Type = message.RoutingKey,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(message.OccurredAt.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?> { [MessagingTopology.AttemptHeader] = attempt },
        };
        EventBusTracing.Inject(activity, properties.Headers);

        var channel = await GetChannelAsync(cancellationToken);
        // With confirmation tracking on, this completes when the broker acks and throws when it nacks.
        await channel.BasicPublishAsync(exchange, queue ?? message.RoutingKey, mandatory: false, properties, message.Body, cancellationToken);
    }

    private async Task<IChannel> GetChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }

        await _channelLock.WaitAsync(cancellationToken);
        try
        {
            if (_channel is not { IsOpen: true })
            {
                _channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                    cancellationToken);
                await MessagingTopologySetup.DeclareExchangesAsync(_channel, cancellationToken);
            }

            return _channel;
        }
        finally
        {
            _channelLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        _channelLock.Dispose();
    }
}
