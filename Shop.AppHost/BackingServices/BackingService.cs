namespace Shop.AppHost.BackingServices;

/// <summary>
/// A backing service as a consumer sees it: the resource whose connection string it receives, and the resource it
/// waits for (a database's server, say) before it starts.
/// </summary>
public sealed record BackingService(IResourceBuilder<IResourceWithConnectionString> Connection, IResourceBuilder<IResource> StartsWith);

public static class BackingServiceExtensions
{
    public static IResourceBuilder<TConsumer> WithBackingService<TConsumer>(this IResourceBuilder<TConsumer> consumer, BackingService service)
        where TConsumer : IResourceWithEnvironment, IResourceWithWaitSupport =>
        consumer.WithReference(service.Connection).WaitFor(service.StartsWith);
}
