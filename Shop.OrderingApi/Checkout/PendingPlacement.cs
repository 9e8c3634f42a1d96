namespace Shop.OrderingApi.Checkout;

/// <summary>
/// An order being placed. It is recorded before the catalog is asked for stock and removed in the transaction that
/// saves the order, so stock held for an order that was never saved (a timeout after the catalog reserved, a crash,
/// a failed insert) is always findable by order id and released (<see cref="UnfinishedPlacementRelease"/>).
/// </summary>
public sealed class PendingPlacement
{
    public Guid OrderId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }

    private PendingPlacement() { }

    public PendingPlacement(Guid orderId, DateTimeOffset startedAt)
    {
        OrderId = orderId;
        StartedAt = startedAt;
    }
}
