using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Caching;

/// <summary>
/// Drops the cached copies of the products a unit of work changed, right after it commits (never before: a read in
/// between would cache the old data again). Works for explicit transactions, including the inbox's around event
/// handlers, and for a plain SaveChanges.
/// </summary>
public sealed class CacheInvalidationInterceptor(IServiceProvider services, ILogger<CacheInvalidationInterceptor> logger)
    : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await ForgetChangedAsync(eventData.Context, cancellationToken);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as CatalogDbContext)?.ForgetChangedProducts();
        return Task.CompletedTask;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await ForgetChangedAsync(eventData.Context, cancellationToken);
        }

        return result;
    }

    private async Task ForgetChangedAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not CatalogDbContext { ChangedProducts.Count: > 0 } db)
        {
            return;
        }

        var products = db.ChangedProducts.ToList();
        var slugs = db.ChangedSlugs.ToList();
        db.ForgetChangedProducts();
        try
        {
            await services.GetRequiredService<CatalogCache>().ForgetAsync(products, slugs);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The change is committed; a cache that could not be reached expires on its own.
            logger.LogWarning(exception, "Could not drop cached products {ProductIds}", products);
        }
    }
}
