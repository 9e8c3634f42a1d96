using FastEndpoints;

namespace Shop.BasketApi.Baskets;

/// <summary>Starts an empty guest basket; the returned id is the only way to reach it.</summary>
public sealed class CreateGuestBasketEndpoint(BasketStore store) : EndpointWithoutRequest<BasketResponse>
{
    public override void Configure()
    {
        Post("/api/baskets");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var basket = await store.CreateGuestBasketAsync();
        await Send.CreatedAtAsync<GetBasketEndpoint>(new { basket.Id }, BasketResponse.From(basket), cancellation: ct);
    }
}
