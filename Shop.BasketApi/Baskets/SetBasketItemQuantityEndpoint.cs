using FastEndpoints;
using FluentValidation;
using Microsoft.Extensions.Options;
using Shop.BasketApi.Catalog;

namespace Shop.BasketApi.Baskets;

public sealed record SetBasketItemQuantityRequest : IBasketRequest
{
    public string Id { get; init; } = "";
    public string Sku { get; init; } = "";
    public int Quantity { get; init; }
}

public sealed class SetBasketItemQuantityValidator : Validator<SetBasketItemQuantityRequest>
{
    public SetBasketItemQuantityValidator()
    {
        // The SKU comes from the address: checked as an add checks it before the catalog is asked about it.
        RuleFor(r => r.Sku).NotEmpty().MaximumLength(AddBasketItemEndpoint.MaxSkuLength);
        RuleFor(r => r.Quantity).GreaterThanOrEqualTo(0);
    }
}

/// <summary>Sets how many of a SKU the basket holds; zero removes the line. Also accepts a changed price.</summary>
public sealed class SetBasketItemQuantityEndpoint(BasketStore store, ICatalogSkus catalog, IOptions<BasketSettings> settings, TimeProvider clock)
    : BasketEndpoint<SetBasketItemQuantityRequest>(store, catalog, settings)
{
    public override void Configure()
    {
        Put("/api/baskets/{Id}/items/{Sku}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(SetBasketItemQuantityRequest request, CancellationToken ct)
    {
        if (await LocateAsync(request, ct) is not { } address)
        {
            return;
        }

        Basket? updated;
        try
        {
            updated = request.Quantity == 0
                ? await Store.UpdateAsync(address, basket => basket?.QuantityOf(request.Sku) > 0 ? basket.Remove(request.Sku, clock.GetUtcNow()) : basket, ct)
                : await BasketItemRules.WithPurchasableSkuAsync(Catalog, request.Sku, sku => Store.UpdateAsync(address, basket =>
                {
                    if (basket is null || basket.QuantityOf(sku.Sku) == 0)
                    {
                        return basket; // nothing to change: answered 404 below
                    }

                    BasketItemRules.EnsureInStock(sku, request.Quantity);
                    return basket.SetQuantity(sku.Sku, request.Quantity, sku.Price, sku.Currency, Settings.MaxQuantityPerLine, clock.GetUtcNow(), sku.ProductName);
                }, ct), ct);
        }
        catch (BasketRuleException rule)
        {
            await BasketItemRules.SendRuleErrorAsync(this, rule, ct);
            return;
        }

        if (updated is null || (request.Quantity > 0 && updated.QuantityOf(request.Sku) == 0))
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await SendBasketAsync(updated, ct);
    }
}
