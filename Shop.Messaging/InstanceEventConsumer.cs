using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Shop.Messaging;

/// <summary>
/// Hands every <typeparamref name="TEvent"/> to <typeparamref name="THandler"/> in this very process, whichever
/// replica it is: a queue of its own (named by the broker, deleted when the process goes) rather than the service's
/// shared queue, where replicas compete for messages. For state held in memory, such as caches, which every replica
/// must drop. Nothing is retried or dead-lettered: a message missed while disconnected is gone, so what it would
/// have changed must also expire on its own.
/// </summary>
internal sealed partial class InstanceEventConsumer<TEvent, THandler>(
    IConnection connection,
    IServiceScopeFactory scopeFactory,
    ILogger<InstanceEventConsumer<TEvent, THandler>> logger) : BackgroundService
    where TEvent : IntegrationEvent
    where THandler : IIntegrationEventHandler<TEvent>
{
    private IChannel? _channel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await MessagingTopologySetup.DeclareExchangesAsync(_channel, stoppingToken);
        var queue = await _channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: stoppingToken);
        await _channel.QueueBindAsync(queue.QueueName, MessagingTopology.EventsExchange, IntegrationEvent.RoutingKeyFor(typeof(TEvent)),
            cancellationToken: stoppingToken);

        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(delivery, stoppingToken);
        await _channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, stoppingToken);
    }

    private async Task HandleAsync(BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var parent = EventBusTracing.Extract(delivery.BasicProperties.Headers);
        using var activity = EventBusTracing.Source.StartActivity(
            $"{delivery.BasicProperties.Type} process", ActivityKind.Consumer, parent.ActivityContext);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.message.id", delivery.BasicProperties.MessageId);
        try
        {
            var integrationEvent = JsonSerializer.Deserialize<TEvent>(delivery.Body.Span)
                ?? throw new InvalidOperationException($"The '{typeof(TEvent).Name}' message body is empty.");
            await using var scope = scopeFactory.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(integrationEvent, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogFailed(exception, typeof(TEvent).Name, delivery.BasicProperties.MessageId);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {Type} message {MessageId} in this instance failed; it is not retried")]
    private partial void LogFailed(Exception exception, string type, string? messageId);
}
