using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Shop.CatalogApi.Search;

/// <summary>Search's business metrics, under the meter <c>Shop.Catalog.Search</c>.</summary>
public sealed class SearchMetrics
{
    public const string MeterName = "Shop.Catalog.Search";

    public SearchMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        ZeroResults = meter.CreateCounter<long>("shop.search.zero_results", unit: "{query}",
            description: "Searches with a query that found no product");
    }

    public Counter<long> ZeroResults { get; }
}

/// <summary>Remembers queries that found nothing, so staff can add synonyms or products for them.</summary>
public sealed class ZeroResultQueries(SearchIndexDbContext db, SearchMetrics metrics, TimeProvider clock)
{
    public async Task RecordAsync(string query, CancellationToken cancellationToken)
    {
        var normalised = QueryText.Normalise(query);
        if (normalised.Length == 0)
        {
            return;
        }

        metrics.ZeroResults.Add(1);
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO search_zero_results (query, count, last_seen_at) VALUES ({normalised[..Math.Min(normalised.Length, QueryText.MaxLength)]}, 1, {now})
            ON CONFLICT (query) DO UPDATE SET count = search_zero_results.count + 1, last_seen_at = EXCLUDED.last_seen_at
            """, cancellationToken);
    }
}
