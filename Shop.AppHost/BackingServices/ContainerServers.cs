namespace Shop.AppHost.BackingServices;

/// <summary>The usual Aspire container resources, each keeping its data in a named volume.</summary>
public sealed class ContainerServers(IDistributedApplicationBuilder builder) : IBackingServiceCatalog
{
    private IResourceBuilder<PostgresServerResource>? _postgres;

    public BackingService AddPostgresDatabase(string name)
    {
        // Four services' connection pools outgrow PostgreSQL's default of 100 connections.
        _postgres ??= builder.AddPostgres("postgres").WithDataVolume().WithArgs("-c", "max_connections=500");
        return new BackingService(_postgres.AddDatabase(name), _postgres);
    }

    public BackingService AddRedis(string name)
    {
        var redis = builder.AddRedis(name).WithDataVolume();
        return new BackingService(redis, redis);
    }

    public BackingService AddRabbitMq(string name)
    {
        var rabbitMq = builder.AddRabbitMQ(name).WithDataVolume();
        return new BackingService(rabbitMq, rabbitMq);
    }

    public BackingService AddMailSink(string name)
    {
        var mail = builder.AddResource(new MailSinkContainerResource(name))
            .WithImage("rnwood/smtp4dev", "3.15.0")
            .WithHttpEndpoint(targetPort: 80, name: MailSink.HttpEndpointName)
            .WithEndpoint(targetPort: 25, name: MailSink.SmtpEndpointName, scheme: "smtp")
            .WithHttpHealthCheck("/", endpointName: MailSink.HttpEndpointName);
        return new BackingService(mail, mail);
    }

    public BackingService AddElasticsearch(string name)
    {
        var search = builder.AddResource(new ElasticsearchContainerResource(name))
            .WithImage("elasticsearch", "9.1.5")
            .WithImageRegistry("docker.elastic.co/elasticsearch")
            .WithHttpEndpoint(targetPort: 9200, name: ElasticsearchContainerResource.HttpEndpointName)
            .WithEnvironment("discovery.type", "single-node")
            // Development only: the container listens on this machine, and published apps bring their own cluster.
            .WithEnvironment("xpack.security.enabled", "false")
            .WithEnvironment("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
            .WithVolume("shop-elasticsearch-data", "/usr/share/elasticsearch/data")
            .WithHttpHealthCheck("/_cluster/health?wait_for_status=yellow&timeout=1s", endpointName: ElasticsearchContainerResource.HttpEndpointName);
        return new BackingService(search, search);
    }
}

public sealed class ElasticsearchContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string HttpEndpointName = "http";

    /// <summary>The cluster's URL, which is what Elastic.Clients.Elasticsearch takes.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{new EndpointReference(this, HttpEndpointName).Property(EndpointProperty.Url)}");
}

public sealed class MailSinkContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => MailSink.ConnectionString(this);
}
