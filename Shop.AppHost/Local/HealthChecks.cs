using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Shop.AppHost.Local;

/// <summary>
/// Health checks the dashboard shows for local servers and that <c>WaitFor</c> waits on. Each resolves the
/// resource's connection string once its endpoints are allocated.
/// </summary>
internal static class HealthChecks
{
    public static void AddNpgsql<T>(IDistributedApplicationBuilder builder, IResourceBuilder<T> resource)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Resource.Name}_check";
        var connectionString = ConnectionStringWhenAvailable(builder, resource.Resource);
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString.Value, name: key);
        resource.WithHealthCheck(key);
    }

    public static void AddRedis<T>(IDistributedApplicationBuilder builder, IResourceBuilder<T> resource)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Resource.Name}_check";
        var connectionString = ConnectionStringWhenAvailable(builder, resource.Resource);
        builder.Services.AddHealthChecks().AddRedis(_ => connectionString.Value, name: key);
        resource.WithHealthCheck(key);
    }

    public static void AddRabbitMq<T>(IDistributedApplicationBuilder builder, IResourceBuilder<T> resource)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Resource.Name}_check";
        var connectionString = ConnectionStringWhenAvailable(builder, resource.Resource);
        IConnection? connection = null;
        builder.Services.AddHealthChecks().AddRabbitMQ(async _ =>
            connection is { IsOpen: true }
                ? connection
                : connection = await new ConnectionFactory { Uri = new Uri(connectionString.Value) }.CreateConnectionAsync(),
            name: key);
        resource.WithHealthCheck(key);
    }

    private sealed class Resolved
    {
        private string? _value;
        public string Value
        {
            get => _value ?? throw new InvalidOperationException("The connection string is not available yet.");
            set => _value = value;
        }
    }

    private static Resolved ConnectionStringWhenAvailable(IDistributedApplicationBuilder builder, IResourceWithConnectionString resource)
    {
        var resolved = new Resolved();
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, ct) =>
            resolved.Value = await resource.GetConnectionStringAsync(ct)
                ?? throw new InvalidOperationException($"{resource.Name} has no connection string."));
        return resolved;
    }
}
