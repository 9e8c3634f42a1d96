using Microsoft.Extensions.Configuration;
using Shop.AppHost.BackingServices;

namespace Shop.AppHost.Local;

/// <summary>Servers from the machine's own packages, run as Aspire executables with data under one folder.</summary>
public sealed class LocalServers(IDistributedApplicationBuilder builder, LocalDataFolder data) : IBackingServiceCatalog
{
    /// <summary>
    /// With <see cref="ShopServices.DirectEndpointsSetting"/> on, the servers listen on their own port and services
    /// connect to it directly: the orchestrator's proxy in front of them cost every query and cache read two more
    /// hops, and it was a tenth of the machine's CPU under load. The port is chosen once per AppHost run, so a server
    /// stopped and started again (the outage tests) is found where it was.
    /// </summary>
    private readonly bool _direct = builder.Configuration.GetValue(ShopServices.DirectEndpointsSetting, true);

    private IResourceBuilder<LocalPostgresServerResource>? _postgres;

    public BackingService AddPostgresDatabase(string name)
    {
        _postgres ??= Direct(LocalPostgres.Add(builder, "postgres", data), LocalPostgresServerResource.EndpointName);
        return new BackingService(_postgres.AddDatabase(name), _postgres);
    }

    public BackingService AddRedis(string name)
    {
        var redis = Direct(LocalRedis.Add(builder, name, data), LocalRedisResource.EndpointName);
        return new BackingService(redis, redis);
    }

    public BackingService AddRabbitMq(string name)
    {
        var rabbitMq = Direct(LocalRabbitMq.Add(builder, name, data), LocalRabbitMqResource.EndpointName);
        return new BackingService(rabbitMq, rabbitMq);
    }

    public BackingService AddMailSink(string name)
    {
        var mail = Direct(LocalMailSink.Add(builder, name, data), MailSink.SmtpEndpointName);
        return new BackingService(mail, mail);
    }

    /// <summary>Elasticsearch has no Debian package; catalog search runs on PostgreSQL instead.</summary>
    public BackingService? AddElasticsearch(string name) => null;

    private IResourceBuilder<T> Direct<T>(IResourceBuilder<T> server, string endpointName) where T : IResourceWithEndpoints =>
        _direct
            ? server.WithEndpoint(endpointName, endpoint =>
            {
                endpoint.IsProxied = false;
                endpoint.Port = endpoint.TargetPort = LocalDataFolder.FreeTcpPort();
            }, createIfNotExists: false)
            : server;
}
