namespace Shop.AppHost.BackingServices;

/// <summary>The servers Shop needs; one implementation per way of starting them (DESIGN.md section 2).</summary>
public interface IBackingServiceCatalog
{
    /// <summary>A database on the shared PostgreSQL server; the name is also the connection string's name.</summary>
    BackingService AddPostgresDatabase(string name);

    BackingService AddRedis(string name);

    BackingService AddRabbitMq(string name);

    /// <summary>An SMTP server that keeps every message and shows it in a web UI; for development only.</summary>
    BackingService AddMailSink(string name);

    /// <summary>Elasticsearch, or null where this way of starting servers has none (catalog search then uses PostgreSQL).</summary>
    BackingService? AddElasticsearch(string name);
}
