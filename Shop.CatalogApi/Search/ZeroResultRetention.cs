using Microsoft.EntityFrameworkCore;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search;

/// <summary>
/// Keeps the zero-result list to what staff can act on: queries seen in the last <see cref="MaxAge"/>, and of those
/// the <see cref="MaxQueries"/> asked most. Anyone may search, so without a bound a stream of made-up queries would
/// grow the table for ever. Runs hourly on every replica; a second prune right after the first deletes nothing.
/// </summary>
public sealed class ZeroResultRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ZeroResultRetention> logger)
    : PeriodicBackgroundService(TimeSpan.FromHours(1), clock, logger)
{
    public const int MaxQueries = 10_000;
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(90);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await PruneAsync(scope.ServiceProvider.GetRequiredService<SearchIndexDbContext>(), Clock.GetUtcNow(), cancellationToken);
    }

    public static Task<int> PruneAsync(SearchIndexDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            DELETE FROM search_zero_results
            WHERE last_seen_at < {now - MaxAge}
               OR query IN (SELECT query FROM search_zero_results ORDER BY count DESC, last_seen_at DESC OFFSET {MaxQueries})
            """, cancellationToken);
}
