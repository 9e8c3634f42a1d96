using Shop.Messaging;
using Shop.Messaging.Contracts;

namespace Shop.BasketApi.Catalog;

/// <summary>A product changed in the catalog (price, name, image, publication, stock): baskets ask again next time.</summary>
public sealed class ProductChangedHandler(SkuSnapshots snapshots) : IIntegrationEventHandler<ProductChanged>
{
    public Task HandleAsync(ProductChanged integrationEvent, CancellationToken cancellationToken)
    {
        snapshots.Forget(integrationEvent.ProductId);
        return Task.CompletedTask;
    }
}
