using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

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
        builder.Services.AddSingleton<IEventPublisher, RabbitMqEventPublisher>();
        builder.Services.Configure<EventSubscriptions>(s => s.QueueName = queueName);
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
}
