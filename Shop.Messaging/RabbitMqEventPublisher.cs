using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;

namespace Shop.Messaging;

public interface IEventPublisher
{
    /// <summary>Publishes and returns once the broker has confirmed it holds the message.</summary>
    Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default);
}

/// <summary>Publishes persistent messages with publisher confirms: a message is sent once RabbitMQ says so.</summary>
internal sealed class RabbitMqEventPublisher(IConnection connection) : IEventPublisher, IAsyncDisposable
{
    private readonly SemaphoreSlim _channelLock = new(1, 1);
    private IChannel? _channel;

    public async Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        var eventType = integrationEvent.GetType();
        var routingKey = IntegrationEvent.RoutingKeyFor(eventType);
        using var activity = EventBusTracing.Source.StartActivity($"{routingKey} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", MessagingTopology.EventsExchange);
        activity?.SetTag("messaging.message.id", integrationEvent.Id.ToString());

        var properties = new BasicProperties
        {
            MessageId = integrationEvent.Id.ToString(),
            Type = routingKey,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(integrationEvent.OccurredAt.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>(),
        };
        EventBusTracing.Inject(activity, properties.Headers);
        var body = JsonSerializer.SerializeToUtf8Bytes(integrationEvent, eventType);

        var channel = await GetChannelAsync(cancellationToken);
        // With confirmation tracking on, this completes when the broker acks and throws when it nacks or returns.
        await channel.BasicPublishAsync(MessagingTopology.EventsExchange, routingKey, mandatory: false, properties, body, cancellationToken);
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
