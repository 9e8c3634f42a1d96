namespace Shop.OrderingApi.Orders;

/// <summary>
/// An account erased here: its access tokens stay valid for a few minutes more, and a checkout with one (another
/// device, or one in flight as the erasure arrives) must not save a new order with the person's data after their
/// orders were anonymized.
/// </summary>
public sealed class ErasedCustomer(string customerId, DateTimeOffset erasedAt)
{
    /// <summary>The class of advisory lock under which a customer's erasure and checkouts take turns.</summary>
    public const int ErasureLock = 7_301;

    public string CustomerId { get; private set; } = customerId;
    public DateTimeOffset ErasedAt { get; private set; } = erasedAt;
}
