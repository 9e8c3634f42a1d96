using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Shop.Messaging.Inbox;

namespace Shop.Messaging;

/// <summary>
/// Delivers the service's subscribed events to their handlers, one scope per message, at most once per message and
/// handler where the service has an inbox. A message is acknowledged only after its handlers succeed. A failing one is sent
/// to a delay queue and comes back for another attempt; when the retries are used up it is rejected into the dead-
/// letter queue, never dropped.
/// </summary>
internal sealed partial class RabbitMqEventConsumer(
    IConnection connection,
    IMessagePublisher publisher,
    IServiceScopeFactory scopeFactory,
    IOptions<EventSubscriptions> subscriptions,
    IOptions<EventBusOptions> options,
    ILogger<RabbitMqEventConsumer> logger) : BackgroundService, IEventConsumerStatus
{
    private readonly TaskCompletionSource _consuming = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IChannel? _channel;

    public Task Consuming => _consuming.Task;

    private string QueueName => options.Value.QueueName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false,
                consumerDispatchConcurrency: options.Value.ConsumerConcurrency),
            stoppingToken);
        await MessagingTopologySetup.DeclareQueueAsync(
            _channel, QueueName, subscriptions.Value.EventTypes.Keys, options.Value.RetryDelays, stoppingToken);
        await _channel.BasicQosAsync(prefetchSize: 0, prefetchCount: options.Value.PrefetchCount, global: false, stoppingToken);

        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, delivery) => HandleDeliveryAsync(_channel, delivery, stoppingToken);
        await _channel.BasicConsumeAsync(QueueName, autoAck: false, consumer, stoppingToken);
        _consuming.TrySetResult();
    }

    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var properties = delivery.BasicProperties;
        var parent = EventBusTracing.Extract(properties.Headers);
        using var activity = EventBusTracing.Source.StartActivity(
            $"{properties.Type} process", ActivityKind.Consumer, parent.ActivityContext);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", QueueName);
        activity?.SetTag("messaging.message.id", properties.MessageId);

        var attempt = AttemptOf(properties);
        try
        {
            await DispatchAsync(delivery, stoppingToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            await RetryOrRejectAsync(channel, delivery, attempt, exception, stoppingToken);
        }
    }

    private async Task RetryOrRejectAsync(IChannel channel, BasicDeliverEventArgs delivery, int attempt, Exception failure, CancellationToken stoppingToken)
    {
        var delays = options.Value.RetryDelays;
        if (attempt > delays.Count)
        {
            LogDeadLettered(failure, delivery.BasicProperties.Type, delivery.BasicProperties.MessageId, attempt);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, stoppingToken);
            return;
        }

        var delay = delays[attempt - 1];
        LogRetrying(failure, delivery.BasicProperties.Type, delivery.BasicProperties.MessageId, attempt, delay);
        try
        {
            await publisher.PublishAsync(Copy(delivery), stoppingToken, MessagingTopology.RetryQueueFor(QueueName, delay), attempt + 1);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        }
        catch (Exception) when (!stoppingToken.IsCancellationRequested)
        {
            // The copy did not reach the delay queue: hand the original back to the broker instead.
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, stoppingToken);
        }
    }

    private async Task DispatchAsync(BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var properties = delivery.BasicProperties;
        if (properties.Type is null || !subscriptions.Value.EventTypes.TryGetValue(properties.Type, out var eventType))
        {
            throw new InvalidOperationException($"No handler is registered for '{properties.Type}'.");
        }

        if (!Guid.TryParse(properties.MessageId, out var messageId))
        {
            throw new InvalidOperationException("The message has no id, so it cannot be handled exactly once.");
        }

        var integrationEvent = JsonSerializer.Deserialize(delivery.Body.Span, eventType)
            ?? throw new InvalidOperationException($"The '{properties.Type}' message body is empty.");

        await using var scope = scopeFactory.CreateAsyncScope();
        var handlerType = typeof(IIntegrationEventHandler<>).MakeGenericType(eventType);
        var handle = handlerType.GetMethod(nameof(IIntegrationEventHandler<IntegrationEvent>.HandleAsync))!;
        var inbox = scope.ServiceProvider.GetService<IInbox>();
        List<ExceptionDispatchInfo>? failures = null;
        foreach (var handler in scope.ServiceProvider.GetServices(handlerType))
        {
            Task Handle() => (Task)handle.Invoke(handler, [integrationEvent, cancellationToken])!;
            try
            {
                // Each handler is its own unit with its own inbox entry: when one fails, the others still run, and
                // the retry runs only those that have not succeeded (a failed text message never re-sends the email).
                if (inbox is not null)
                {
                    await inbox.HandleOnceAsync(messageId, $"{QueueName}:{handler!.GetType().FullName}", Handle, cancellationToken);
                }
                else
                {
                    await Handle();
                }
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                (failures ??= []).Add(ExceptionDispatchInfo.Capture(failure));
            }
        }

        if (failures is { Count: 1 })
        {
            failures[0].Throw();
        }
        else if (failures is not null)
        {
            throw new AggregateException(failures.Select(f => f.SourceException));
        }
    }

    private static int AttemptOf(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(MessagingTopology.AttemptHeader, out var value) == true && value is int attempt ? attempt : 1;

    private static OutgoingMessage Copy(BasicDeliverEventArgs delivery)
    {
        var properties = delivery.BasicProperties;
        var current = Activity.Current;
        return new OutgoingMessage(
            Guid.TryParse(properties.MessageId, out var id) ? id : Guid.Empty,
            properties.Type ?? "",
            delivery.Body.ToArray(),
            DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime),
            current?.Id,
            current?.TraceStateString);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {Type} message {MessageId} failed on attempt {Attempt}; retrying in {Delay}")]
    private partial void LogRetrying(Exception exception, string? type, string? messageId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Type} message {MessageId} failed on attempt {Attempt}, the last; it goes to the dead-letter queue")]
    private partial void LogDeadLettered(Exception exception, string? type, string? messageId, int attempt);
}
