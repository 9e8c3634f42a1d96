namespace Shop.OrderingApi.Domain.Orders;

/// <summary>A SKU as it was bought: name and unit price are copied from the catalog when the order is placed.</summary>
public sealed record OrderLine(string Sku, string ProductName, Money UnitPrice, int Quantity, int UnitWeightGrams)
{
    public Money Total => UnitPrice.Times(Quantity);

    public int WeightGrams => UnitWeightGrams * Quantity;
}
