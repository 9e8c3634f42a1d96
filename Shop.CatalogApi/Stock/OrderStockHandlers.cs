using Shop.Messaging;
using Shop.Messaging.Contracts;

namespace Shop.CatalogApi.Stock;

/// <summary>A paid order's reserved units leave the stock for good.</summary>
public sealed class OrderPaidHandler(StockLedger ledger) : IIntegrationEventHandler<OrderPaid>
{
    public Task HandleAsync(OrderPaid integrationEvent, CancellationToken cancellationToken) =>
        ledger.CommitAsync(integrationEvent.OrderId, cancellationToken);
}

/// <summary>A cancelled (or expired) order's units go back on sale, paid for or not, unless they had shipped.</summary>
public sealed class OrderCancelledHandler(StockLedger ledger) : IIntegrationEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken) =>
        ledger.CancelAsync(integrationEvent.OrderId, integrationEvent.Shipped, $"order cancelled: {integrationEvent.Reason}", cancellationToken);
}
