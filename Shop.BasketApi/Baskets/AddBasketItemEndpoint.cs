using FastEndpoints;
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

/// <summary>Adds a SKU (or more of it) to a basket, within the per-line limit and what is in stock.</summary>
public sealed class AddBasketItemEndpoint(BasketStore store, ICatalogSkus catalog, IOptions<BasketSettings> settings, TimeProvider clock)
    : BasketEndpoint<AddBasketItemRequest>(store, catalog, settings)
{
    public const int MaxSkuLength = 64;

    public override void Configure()
    {
        Post("/api/baskets/{Id}/items");
        AllowAnonymous();
    }

    public override async Task HandleAsync(AddBasketItemRequest request, CancellationToken ct)
    {
        if (await RefuseBadFieldsAsync(request, ct) || await LocateAsync(request, ct) is not { } address
            || await RefuseErasedAsync(address.CustomerId, ct))
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
                var added = basket.Add(sku.Sku, request.Quantity, sku.Price, sku.Currency, Settings.MaxQuantityPerLine, clock.GetUtcNow(), sku.ProductName);
                BasketItemRules.EnsureInStock(sku, added.QuantityOf(sku.Sku));
                return added;
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

    /// <summary>
    /// The request's own rules, checked here rather than by a validator: a validator's contexts and results were
    /// about 6 % of the service's allocations on the hottest calls. The answer is the one the validator gave (same
    /// fields, reasons and order), sent before the basket is looked for.
    /// </summary>
    private async Task<bool> RefuseBadFieldsAsync(AddBasketItemRequest request, CancellationToken ct)
    {
        // A JSON null reaches a non-nullable property as null. A field's first broken rule is its only error.
        if (string.IsNullOrWhiteSpace(request.Sku))
        {
            AddError(r => r.Sku, "'sku' must not be empty.");
        }
        else if (request.Sku.Length > MaxSkuLength)
        {
            AddError(r => r.Sku, $"The length of 'sku' must be {MaxSkuLength} characters or fewer. You entered {request.Sku.Length} characters.");
        }

        if (request.Quantity < 1)
        {
            AddError(r => r.Quantity, "'quantity' must be greater than or equal to '1'.");
        }

        if (!ValidationFailed)
        {
            return false;
        }

        await Send.ErrorsAsync(cancellation: ct);
        return true;
    }
}
