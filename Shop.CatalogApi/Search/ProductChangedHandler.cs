using Shop.CatalogApi.Data;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search;

/// <summary>
/// Keeps the index in step with the catalog: the product is read again (the event carries only its id, so a late
/// or repeated message never writes stale data) and its document replaced, or removed when it is no longer sold.
/// </summary>
public sealed class ProductChangedHandler(CatalogDbContext db, SearchDocumentReader reader, ICatalogSearch search) : IIntegrationEventHandler<ProductChanged>
{
    public async Task HandleAsync(ProductChanged integrationEvent, CancellationToken cancellationToken)
    {
        // Two replicas can take two changes of one product at once. Each reads and writes under this lock, held until
        // the inbox's transaction ends (after the write), so the one that read the older product cannot write last.
        await db.LockUntilCommitAsync(AdvisoryLocks.ProductIndexing, integrationEvent.ProductId.ToString(), cancellationToken);
        var documents = await reader.ReadAsync([integrationEvent.ProductId], cancellationToken);
        if (documents.Count == 0)
        {
            await search.RemoveAsync(integrationEvent.ProductId, cancellationToken);
            return;
        }

        await search.IndexAsync(documents, cancellationToken);
    }
}
