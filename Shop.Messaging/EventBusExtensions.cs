using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Shop.Messaging.Inbox;
using Shop.Messaging.Outbox;
using Shop.Messaging.Retention;

namespace Shop.Messaging;

public static class EventBusExtensions
{
    /// <summary>The AppHost's name for the RabbitMQ connection string.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>
    /// Connects to RabbitMQ (with the Aspire client's health check and tracing) and registers the publisher.
    /// Events this service handles arrive on the durable queue <paramref name="queueName"/>.
    /// </summary>
    public static TBuilder AddEventBus<TBuilder>(this TBuilder builder, string queueName) where TBuilder : IHostApplicationBuilder
    {
        builder.AddRabbitMQClient(ConnectionName);
        builder.Services.TryAddSingleton<RabbitMqEventPublisher>();
        builder.Services.TryAddSingleton<IEventPublisher>(sp => sp.GetRequiredService<RabbitMqEventPublisher>());
        builder.Services.TryAddSingleton<IMessagePublisher>(sp => sp.GetRequiredService<RabbitMqEventPublisher>());
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddOptions<EventBusOptions>()
            .BindConfiguration(EventBusOptions.Section)
            .Configure(options => options.QueueName = queueName)
            .PostConfigure(options =>
            {
                if (options.RetryDelays.Count == 0)
                {
                    options.RetryDelays.AddRange(EventBusOptions.DefaultRetryDelays);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Gives the service an outbox and an inbox in <typeparamref name="TContext"/>'s database (whose model must call
    /// <c>AddMessagingTables</c>): events added with <c>AddIntegrationEvent</c> are published by a relay, and
    /// incoming messages are handled once each (their ids kept for <c>Messaging:Inbox:Retention</c>).
    /// </summary>
    public static IHostApplicationBuilder AddOutboxAndInbox<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.Services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        builder.Services.AddHostedService<OutboxCleanup<TContext>>();
        builder.Services.AddOptions<InboxOptions>()
            .BindConfiguration(InboxOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<IInbox, EntityFrameworkInbox<TContext>>();
        builder.Services.AddHostedService<InboxCleanup<TContext>>();
        return builder;
    }

    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<IIntegrationEventHandler<TEvent>, THandler>();
        services.Configure<EventSubscriptions>(s => s.Add(typeof(TEvent)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RabbitMqEventConsumer>());
        return services;
    }

    /// <summary>
    /// Every instance of the service gets each <typeparamref name="TEvent"/> (not one replica of many), at most once
    /// and without retries: for dropping what a process holds in memory. Needs <c>AddEventBus</c>.
    /// </summary>
    public static IServiceCollection AddInstanceEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddHostedService<InstanceEventConsumer<TEvent, THandler>>();
        return services;
    }
}
