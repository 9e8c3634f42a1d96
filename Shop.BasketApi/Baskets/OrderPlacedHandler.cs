using Shop.Messaging;
using Shop.Messaging.Contracts;

namespace Shop.BasketApi.Baskets;

/// <summary>A basket is emptied when its order is placed, not before: a failed checkout keeps the shopper's basket.</summary>
public sealed class OrderPlacedHandler(BasketStore store) : IIntegrationEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced integrationEvent, CancellationToken cancellationToken)
    {
        var address = integrationEvent.CustomerId is { } customerId
            ? store.Customer(customerId, integrationEvent.Email)
            : store.Guest(integrationEvent.BasketId);

        // Only the basket the order came from: a customer may have started a new one meanwhile (its id differs).
        await store.UpdateAsync(address, basket => basket?.Id == integrationEvent.BasketId ? null : basket, cancellationToken);
    }
}
