using Shop.Messaging;
using Shop.Messaging.Contracts;

namespace Shop.CatalogApi.Search;

/// <summary>
/// Keeps the index in step with the catalog: the product is read again (the event carries only its id, so a late
/// or repeated message never writes stale data) and its document replaced, or removed when it is no longer sold.
/// </summary>
public sealed class ProductChangedHandler(SearchDocumentReader reader, ICatalogSearch search) : IIntegrationEventHandler<ProductChanged>
{
    public async Task HandleAsync(ProductChanged integrationEvent, CancellationToken cancellationToken)
    {
        var documents = await reader.ReadAsync([integrationEvent.ProductId], cancellationToken);
        if (documents.Count == 0)
        {
            await search.RemoveAsync(integrationEvent.ProductId, cancellationToken);
            return;
        }

        await search.IndexAsync(documents, cancellationToken);
    }
}
