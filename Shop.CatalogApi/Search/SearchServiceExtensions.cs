using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Trace;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Search.Elasticsearch;
using Shop.CatalogApi.Search.Postgres;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search;

public static class SearchServiceExtensions
{
    /// <summary>
    /// Catalog search: its tables in the catalog database (own migrations), the PostgreSQL engine, the
    /// <see cref="ProductChanged"/> consumer that keeps the index current, and the background indexer.
    /// </summary>
    public static IHostApplicationBuilder AddCatalogSearch(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<SearchIndexDbContext>(CatalogDbContext.ConnectionName,
            // As for the catalog's own context: no session state is left on a pooled connection (advisory locks here
            // are transaction-scoped), so returning one needs no DISCARD ALL, a round trip per search.
            settings => settings.ConnectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { NoResetOnClose = true, MaxPoolSize = ConnectionPools.MaxSizeFor(settings.ConnectionString) }.ConnectionString,
            options => options.UseNpgsql(npgsql => npgsql.MigrationsHistoryTable(SearchIndexDbContext.MigrationsHistoryTable)));
        builder.AddValidatedOptions<SearchOptions>(SearchOptions.Section);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SearchMetrics>();
        builder.Services.AddSingleton<SearchFlights>();
        builder.Services.AddSingleton<WordsAnswers>();
        builder.Services.AddScoped<SynonymSet>();
        builder.Services.AddScoped<ZeroResultQueries>();
        builder.Services.AddScoped<SearchDocumentReader>();
        if (builder.Configuration.GetConnectionString(ElasticsearchSettings.ConnectionName) is { Length: > 0 } elasticsearch)
        {
            builder.AddElasticsearchEngine(elasticsearch);
        }
        else
        {
            builder.Services.AddScoped<ICatalogSearch, PostgresCatalogSearch>();
            builder.Services.AddSingleton<CommonWords>();
            builder.Services.AddSingleton<SearchTurns>();
            builder.Services.AddExceptionHandler<SearchBusyHandler>();
            builder.Services.AddHostedService<FacetSummaryRefresher>();
        }

        builder.Services.AddHostedService<ZeroResultRetention>();
        builder.Services.AddSingleton<SearchIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        builder.Services.AddEventHandler<ProductChanged, ProductChangedHandler>();
        return builder;
    }

    /// <summary>
    /// The Elasticsearch engine, with what an Aspire client integration would give (there is none for this client
    /// on our feed): the client from the connection string (the cluster's URL), a health check and tracing.
    /// </summary>
    private static void AddElasticsearchEngine(this IHostApplicationBuilder builder, string connectionString)
    {
        builder.Services.AddOptions<ElasticsearchSettings>().BindConfiguration("Search:Elasticsearch");
        builder.Services.AddSingleton(new ElasticsearchClient(new ElasticsearchClientSettings(new Uri(connectionString))));
        builder.Services.AddSingleton<ICatalogSearch, ElasticsearchCatalogSearch>();
        builder.Services.AddHealthChecks().AddCheck<ElasticsearchHealthCheck>(ElasticsearchSettings.ConnectionName);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource("Elastic.Transport"));
    }
}

/// <summary>Healthy while the cluster answers and is at least yellow (a single node's replicas are never assigned).</summary>
public sealed class ElasticsearchHealthCheck(ElasticsearchClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var response = await client.Transport.RequestAsync<StringResponse>(
            Elastic.Transport.HttpMethod.GET, "/_cluster/health?wait_for_status=yellow&timeout=1s", cancellationToken);
        return response.ApiCallDetails.HasSuccessfulStatusCode
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Elasticsearch answered {response.ApiCallDetails.HttpStatusCode}");
    }
}
