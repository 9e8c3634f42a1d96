using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Shop.Messaging;

/// <summary>
/// Delivers the service's subscribed events to their handlers, one scope per message. A message is acknowledged
/// only after its handler succeeds; a failing or unreadable one is rejected into the queue's dead-letter queue.
/// </summary>
internal sealed partial class RabbitMqEventConsumer(
    IConnection connection,
    IServiceScopeFactory scopeFactory,
    IOptions<EventSubscriptions> subscriptions,
    ILogger<RabbitMqEventConsumer> logger) : BackgroundService, IEventConsumerStatus
{
    private readonly TaskCompletionSource _consuming = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IChannel? _channel;

    public Task Consuming => _consuming.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = subscriptions.Value;
        _channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await MessagingTopologySetup.DeclareQueueAsync(_channel, settings.QueueName, settings.EventTypes.Keys, stoppingToken);
        await _channel.BasicQosAsync(prefetchSize: 0, prefetchCount: 16, global: false, stoppingToken);

        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, delivery) => HandleDeliveryAsync(_channel, delivery, stoppingToken);
        await _channel.BasicConsumeAsync(settings.QueueName, autoAck: false, consumer, stoppingToken);
        _consuming.TrySetResult();
    }

    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var parent = EventBusTracing.Extract(delivery.BasicProperties.Headers);
        using var activity = EventBusTracing.Source.StartActivity(
            $"{delivery.RoutingKey} process", ActivityKind.Consumer, parent.ActivityContext);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", subscriptions.Value.QueueName);
        activity?.SetTag("messaging.message.id", delivery.BasicProperties.MessageId);

        try
        {
            await DispatchAsync(delivery, stoppingToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogHandlerFailed(exception, delivery.RoutingKey, delivery.BasicProperties.MessageId);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, stoppingToken);
        }
    }

    private async Task DispatchAsync(BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        if (!subscriptions.Value.EventTypes.TryGetValue(delivery.RoutingKey, out var eventType))
        {
            throw new InvalidOperationException($"No handler is registered for '{delivery.RoutingKey}'.");
        }

        var integrationEvent = JsonSerializer.Deserialize(delivery.Body.Span, eventType)
            ?? throw new InvalidOperationException($"The '{delivery.RoutingKey}' message body is empty.");

        await using var scope = scopeFactory.CreateAsyncScope();
        var handlerType = typeof(IIntegrationEventHandler<>).MakeGenericType(eventType);
        foreach (var handler in scope.ServiceProvider.GetServices(handlerType))
        {
            await (Task)handlerType.GetMethod(nameof(IIntegrationEventHandler<IntegrationEvent>.HandleAsync))!
                .Invoke(handler, [integrationEvent, cancellationToken])!;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {RoutingKey} message {MessageId} failed; it goes to the dead-letter queue")]
    private partial void LogHandlerFailed(Exception exception, string routingKey, string? messageId);
}
