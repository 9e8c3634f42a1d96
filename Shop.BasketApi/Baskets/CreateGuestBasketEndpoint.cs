using FastEndpoints;
using Microsoft.Extensions.Options;

namespace Shop.BasketApi.Baskets;

/// <summary>Starts an empty guest basket; the returned id is the only way to reach it.</summary>
public sealed class CreateGuestBasketEndpoint(BasketStore store, IOptions<BasketSettings> settings) : EndpointWithoutRequest<BasketView>
{
    public override void Configure()
    {
        Post("/api/baskets");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var basket = await store.CreateGuestBasketAsync();
        var view = BasketView.From(basket, [], settings.Value.Currency);
        await Send.CreatedAtAsync<GetBasketEndpoint>(new { basket.Id }, view, cancellation: ct);
    }
}
