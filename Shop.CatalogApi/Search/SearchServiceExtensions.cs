using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
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
        builder.AddNpgsqlDbContext<SearchIndexDbContext>(CatalogDbContext.ConnectionName, configureDbContextOptions: options =>
            options.UseNpgsql(npgsql => npgsql.MigrationsHistoryTable(SearchIndexDbContext.MigrationsHistoryTable)));
        builder.AddValidatedOptions<SearchOptions>(SearchOptions.Section);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SearchMetrics>();
        builder.Services.AddScoped<SynonymSet>();
        builder.Services.AddScoped<ZeroResultQueries>();
        builder.Services.AddScoped<SearchDocumentReader>();
        builder.Services.AddScoped<ICatalogSearch, PostgresCatalogSearch>();
        builder.Services.AddSingleton<SearchIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        builder.Services.AddEventHandler<ProductChanged, ProductChangedHandler>();
        return builder;
    }
}
