using FastEndpoints;
using FluentValidation;
using Microsoft.Extensions.Options;
using Shop.BasketApi.Catalog;

namespace Shop.BasketApi.Baskets;

/// <summary>Only a SKU and a quantity: the price always comes from the catalog, whatever else a client sends.</summary>
public sealed record AddBasketItemRequest : IBasketRequest
{
    public string Id { get; init; } = "";
    public string Sku { get; init; } = "";
    public int Quantity { get; init; } = 1;
}

public sealed class AddBasketItemValidator : Validator<AddBasketItemRequest>
{
    public AddBasketItemValidator()
    {
        RuleFor(r => r.Sku).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Quantity).GreaterThanOrEqualTo(1);
    }
}

/// <summary>Adds a SKU (or more of it) to a basket, within the per-line limit and what is in stock.</summary>
public sealed class AddBasketItemEndpoint(BasketStore store, ICatalogSkus catalog, IOptions<BasketSettings> settings, TimeProvider clock)
    : BasketEndpoint<AddBasketItemRequest>(store, catalog, settings)
{
    public override void Configure()
    {
        Post("/api/baskets/{Id}/items");
        AllowAnonymous();
    }

    public override async Task HandleAsync(AddBasketItemRequest request, CancellationToken ct)
    {
        if (await LocateAsync(request, ct) is not { } address)
        {
            return;
        }

        var guestBasketMissing = false;
        Basket? updated;
        try
        {
            updated = await BasketItemRules.WithPurchasableSkuAsync(Catalog, request.Sku, sku => Store.UpdateAsync(address, basket =>
            {
                if (basket is null && address.CustomerId is null)
                {
                    guestBasketMissing = true;
                    return null;
                }

                basket ??= Basket.NewCustomerBasket(address.CustomerId!, address.Email, clock.GetUtcNow());
                BasketItemRules.EnsureInStock(sku, basket.QuantityOf(sku.Sku) + request.Quantity);
                return basket.Add(sku.Sku, request.Quantity, sku.Price, sku.Currency, Settings.MaxQuantityPerLine, clock.GetUtcNow());
            }, ct), ct);
        }
        catch (BasketRuleException rule)
        {
            await BasketItemRules.SendRuleErrorAsync(this, rule, ct);
            return;
        }

        if (guestBasketMissing || updated is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await SendBasketAsync(updated, ct);
    }
}
