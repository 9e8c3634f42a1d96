namespace Shop.OrderingApi.Domain.Orders;

/// <summary>
/// What an order costs, worked out on the server. With tax-inclusive prices <see cref="Tax"/> is the part of the
/// total that is tax; with exclusive prices it is added on top.
/// </summary>
public sealed record OrderTotals(
    Money Subtotal,
    Money Discount,
    Money Shipping,
    Money Tax,
    Money Total,
    bool TaxIncluded,
    int TaxRateBasisPoints)
{
    /// <summary>For EF Core, which sets complex-typed members after construction.</summary>
    private OrderTotals() : this(default, default, default, default, default, default, default)
    {
    }
}
