using Shop.AppHost.BackingServices;

namespace Shop.AppHost.Local;

/// <summary>Servers from the machine's own packages, run as Aspire executables with data under one folder.</summary>
public sealed class LocalServers(IDistributedApplicationBuilder builder, LocalDataFolder data) : IBackingServiceCatalog
{
    private IResourceBuilder<LocalPostgresServerResource>? _postgres;

    public BackingService AddPostgresDatabase(string name)
    {
        _postgres ??= LocalPostgres.Add(builder, "postgres", data);
        return new BackingService(_postgres.AddDatabase(name), _postgres);
    }

    public BackingService AddRedis(string name)
    {
        var redis = LocalRedis.Add(builder, name, data);
        return new BackingService(redis, redis);
    }

    public BackingService AddRabbitMq(string name)
    {
        var rabbitMq = LocalRabbitMq.Add(builder, name, data);
        return new BackingService(rabbitMq, rabbitMq);
    }

    public BackingService AddMailSink(string name)
    {
        var mail = LocalMailSink.Add(builder, name, data);
        return new BackingService(mail, mail);
    }

    /// <summary>Elasticsearch has no Debian package; catalog search runs on PostgreSQL instead.</summary>
    public BackingService? AddElasticsearch(string name) => null;
}
