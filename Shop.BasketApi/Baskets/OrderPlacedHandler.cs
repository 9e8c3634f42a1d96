using Shop.Messaging;
using Shop.Messaging.Contracts;

namespace Shop.BasketApi.Baskets;

/// <summary>A basket is emptied when its order is placed, not before: a failed checkout keeps the shopper's basket.</summary>
public sealed class OrderPlacedHandler(BasketStore store) : IIntegrationEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced integrationEvent, CancellationToken cancellationToken)
    {
        // A signed-in shopper mostly orders their own basket, but may order a guest basket by its id (an API client,
        // or a tab from before signing in): that one is emptied then, not left to be ordered again.
        if (integrationEvent.CustomerId is { } customerId
            && await DeleteIfFromAsync(store.Customer(customerId, integrationEvent.Email), integrationEvent.BasketId, cancellationToken))
        {
            return;
        }

        await DeleteIfFromAsync(store.Guest(integrationEvent.BasketId), integrationEvent.BasketId, cancellationToken);
    }

    /// <summary>
    /// Deletes the basket at <paramref name="address"/> if it is the one the order came from: a customer may have
    /// started a new one meanwhile (its id differs).
    /// </summary>
    private async Task<bool> DeleteIfFromAsync(BasketAddress address, string basketId, CancellationToken cancellationToken)
    {
        var found = false;
        await store.UpdateAsync(address, basket =>
        {
            found = basket?.Id == basketId;
            return found ? null : basket;
        }, cancellationToken);
        return found;
    }
}
