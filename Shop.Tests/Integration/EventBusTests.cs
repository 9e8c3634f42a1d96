using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Messaging;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration;

public sealed record SmokeTestEvent(string Text) : IntegrationEvent;

public sealed class SmokeTestEventRecorder(TaskCompletionSource<SmokeTestEvent> received) : IIntegrationEventHandler<SmokeTestEvent>
{
    public Task HandleAsync(SmokeTestEvent integrationEvent, CancellationToken cancellationToken)
    {
        received.TrySetResult(integrationEvent);
        return Task.CompletedTask;
    }
}

[Collection(ShopCollection.Name)]
public sealed class EventBusTests(ShopAppFixture shop)
{
    [Fact]
    public async Task AnEventPublishedOnRabbitMqIsConsumed()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var received = new TaskCompletionSource<SmokeTestEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{EventBusExtensions.ConnectionName}"] =
            await shop.App.GetConnectionStringAsync("messaging", cancellation);
        builder.AddEventBus(queueName: "tests-" + Guid.NewGuid().ToString("N"));
        builder.Services.AddSingleton(received);
        builder.Services.AddEventHandler<SmokeTestEvent, SmokeTestEventRecorder>();

        using var host = builder.Build();
        await host.StartAsync(cancellation);
        // The consumer declares and binds its queue as it starts; publish once it is listening.
        await WaitUntilConsumingAsync(host, cancellation);

        var sent = new SmokeTestEvent("hello");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, cancellation);

        var consumed = await received.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellation);
        Assert.Equal(sent.Id, consumed.Id);
        Assert.Equal("hello", consumed.Text);
        await host.StopAsync(cancellation);
    }

    private static async Task WaitUntilConsumingAsync(IHost host, CancellationToken cancellation)
    {
        var consumer = host.Services.GetServices<IHostedService>().OfType<IEventConsumerStatus>().Single();
        await consumer.Consuming.WaitAsync(TimeSpan.FromSeconds(30), cancellation);
    }
}
