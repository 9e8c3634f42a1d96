using Microsoft.Extensions.Configuration;

namespace Shop.AppHost.BackingServices;

/// <summary>
/// A server named by a connection string in the AppHost's configuration (<c>ConnectionStrings:&lt;name&gt;</c>) is
/// used as it is; anything else is started by <paramref name="fallback"/>.
/// </summary>
public sealed class ExistingServers(IDistributedApplicationBuilder builder, IBackingServiceCatalog fallback) : IBackingServiceCatalog
{
    public BackingService AddPostgresDatabase(string name) => Existing(name) ?? fallback.AddPostgresDatabase(name);

    public BackingService AddRedis(string name) => Existing(name) ?? fallback.AddRedis(name);

    public BackingService AddRabbitMq(string name) => Existing(name) ?? fallback.AddRabbitMq(name);

    /// <summary>Published apps send real mail: they always take an SMTP connection string from the deployment.</summary>
    public BackingService AddMailSink(string name) =>
        Existing(name) ?? (builder.ExecutionContext.IsPublishMode ? ConnectionString(name) : fallback.AddMailSink(name));

    public BackingService? AddElasticsearch(string name) => Existing(name) ?? fallback.AddElasticsearch(name);

    private BackingService? Existing(string name) =>
        string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)) ? null : ConnectionString(name);

    private BackingService ConnectionString(string name)
    {
        var connection = builder.AddConnectionString(name);
        return new BackingService(connection, connection);
    }
}
