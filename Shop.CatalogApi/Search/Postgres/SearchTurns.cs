using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// Searches and suggestions take turns for the database, first come first served: at most
/// <see cref="SearchOptions.MaxConcurrentSearches"/> of this replica's run at once, the others wait (at most
/// <see cref="SearchOptions.MaxQueuedSearches"/>; beyond, <see cref="SearchBusyException"/>). PostgreSQL shares its
/// cores evenly among the statements running, so with twenty at once a search that reads thousands of matches takes
/// twenty shares of its own time: the tail. Taking turns, it runs at nearly full speed and the short ones wait a
/// little (docs/benchmarks.md). Elasticsearch's search thread pool does the same on its side.
/// </summary>
public sealed class SearchTurns(IOptions<SearchOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter turns = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentSearches,
        QueueLimit = options.Value.MaxQueuedSearches,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Runs the search in its turn; a request that goes away while waiting stops waiting.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> search, CancellationToken cancellationToken)
    {
        using var turn = await turns.AcquireAsync(1, cancellationToken);
        if (!turn.IsAcquired)
        {
            throw new SearchBusyException();
        }

        return await search();
    }

    public void Dispose() => turns.Dispose();
}

/// <summary>More searches wait for their turn than <see cref="SearchOptions.MaxQueuedSearches"/>: answered 503.</summary>
public sealed class SearchBusyException() : Exception("Too many searches are waiting for their turn.");
