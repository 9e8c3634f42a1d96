namespace Shop.BasketApi.Baskets;

public sealed record GetBasketRequest : IBasketRequest
{
    public string Id { get; init; } = "";
}

/// <summary>A guest basket by its id, or the signed-in customer's with "mine" (empty until they add something).</summary>
public sealed class GetBasketEndpoint(BasketStore store, Catalog.ICatalogSkus catalog, Microsoft.Extensions.Options.IOptions<BasketSettings> settings)
    : BasketEndpoint<GetBasketRequest>(store, catalog, settings)
{
    public override void Configure()
    {
        Get("/api/baskets/{Id}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(GetBasketRequest request, CancellationToken ct)
    {
        if (await LocateAsync(request, ct) is not { } address)
        {
            return;
        }

        var basket = await Store.FindAsync(address);
        if (basket is null && address.CustomerId is { } customerId)
        {
            basket = Basket.NewCustomerBasket(customerId, address.Email, TimeProvider.System.GetUtcNow());
        }

        if (basket is null)
        {
            // Expired, emptied by an order, or never existed: a guess learns nothing either way.
            await Send.NotFoundAsync(ct);
            return;
        }

        await SendBasketAsync(basket, ct);
    }
}
