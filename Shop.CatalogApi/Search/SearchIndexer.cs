using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Shop.CatalogApi.Search;

/// <summary>
/// Builds the whole index in the background: at start when it is empty (a fresh store's seed becomes searchable) or
/// its documents lack what searches now read (the documents are rewritten while the old ones keep answering),
/// and when staff ask for a reindex. Requests made while one runs collapse into one more run.
/// </summary>
public sealed partial class SearchIndexer(
    IServiceScopeFactory scopes, IOptions<SearchOptions> options, TimeProvider clock, ILogger<SearchIndexer> logger) : BackgroundService
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void RequestReindex() => _requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                if (await scope.ServiceProvider.GetRequiredService<ICatalogSearch>().NeedsFullIndexAsync(stoppingToken))
                {
                    RequestReindex();
                }
            }

            await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                await ReindexOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReindexOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var reader = scope.ServiceProvider.GetRequiredService<SearchDocumentReader>();
            var search = scope.ServiceProvider.GetRequiredService<ICatalogSearch>();
            var started = clock.GetUtcNow();
            var count = 0;
            await foreach (var batch in reader.ReadAllAsync(options.Value.ReindexBatchSize, cancellationToken))
            {
                await search.IndexAsync(batch, cancellationToken);
                count += batch.Count;
            }

            // What the pass did not see is no longer published.
            await search.RemoveIndexedBeforeAsync(started, cancellationToken);
            LogReindexed(logger, count, clock.GetUtcNow() - started);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogReindexFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index rebuilt: {Count} products in {Duration}")]
    private static partial void LogReindexed(ILogger logger, int count, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuilding the search index failed; ask again with POST /api/search/reindex")]
    private static partial void LogReindexFailed(ILogger logger, Exception exception);
}
