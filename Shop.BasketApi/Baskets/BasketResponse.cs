namespace Shop.BasketApi.Baskets;

public sealed record BasketLineResponse(string Sku, int Quantity);

public sealed record BasketResponse(string Id, IReadOnlyList<BasketLineResponse> Lines, int ItemCount, DateTimeOffset UpdatedAt)
{
    public static BasketResponse From(Basket basket) => new(
        basket.Id,
        basket.Lines.Select(l => new BasketLineResponse(l.Sku, l.Quantity)).ToList(),
        basket.Lines.Sum(l => l.Quantity),
        basket.UpdatedAt);
}
