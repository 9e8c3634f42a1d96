using Microsoft.Extensions.Options;
using Shop.BasketApi.Catalog;

namespace Shop.BasketApi.Baskets;

public sealed record RemoveBasketItemRequest : IBasketRequest
{
    public string Id { get; init; } = "";
    public string Sku { get; init; } = "";
}

/// <summary>Takes a SKU out of the basket; removing what is not there changes nothing.</summary>
public sealed class RemoveBasketItemEndpoint(BasketStore store, ICatalogSkus catalog, IOptions<BasketSettings> settings, TimeProvider clock)
    : BasketEndpoint<RemoveBasketItemRequest>(store, catalog, settings)
{
    public override void Configure()
    {
        Delete("/api/baskets/{Id}/items/{Sku}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(RemoveBasketItemRequest request, CancellationToken ct)
    {
        if (await LocateAsync(request, ct) is not { } address)
        {
            return;
        }

        var updated = await Store.UpdateAsync(address,
            basket => basket?.QuantityOf(request.Sku) > 0 ? basket.Remove(request.Sku, clock.GetUtcNow()) : basket, ct);
        if (updated is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await SendBasketAsync(updated, ct);
    }
}
