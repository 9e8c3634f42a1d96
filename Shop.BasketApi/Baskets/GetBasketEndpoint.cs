using FastEndpoints;

namespace Shop.BasketApi.Baskets;

public sealed record GetBasketRequest
{
    public string Id { get; init; } = "";
}

public sealed class GetBasketEndpoint(BasketStore store) : Endpoint<GetBasketRequest, BasketResponse>
{
    public override void Configure()
    {
        Get("/api/baskets/{Id}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(GetBasketRequest request, CancellationToken ct)
    {
        // A malformed id cannot name a basket; answering 404 either way tells a prober nothing.
        var basket = Basket.IsWellFormedId(request.Id) ? await store.FindAsync(request.Id) : null;
        if (basket is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(BasketResponse.From(basket), ct);
    }
}
