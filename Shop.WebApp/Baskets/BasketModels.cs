using Shop.WebApp.Catalog;

namespace Shop.WebApp.Baskets;

public sealed record BasketLine(
    string Sku,
    Guid? ProductId,
    string Name,
    string? ImageUrl,
    Money? UnitPrice,
    int Quantity,
    Money? LineTotal,
    int Available,
    bool Purchasable,
    Money? PriceChangedFrom);

public sealed record BasketView(string Id, IReadOnlyList<BasketLine> Lines, int ItemCount, Money Subtotal, bool HasUnavailableItems)
{
    public bool IsEmpty => Lines.Count == 0;
}
