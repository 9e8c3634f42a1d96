using FastEndpoints;
using Shop.BasketApi.Catalog;

namespace Shop.BasketApi.Baskets;

/// <summary>The catalog's side of a basket change: the SKU must be on sale and in stock.</summary>
internal static class BasketItemRules
{
    public const string OutOfStockField = "stock";

    /// <summary>The SKU as the catalog has it, or null after answering 400 (unknown or not on sale).</summary>
    public static async Task<SkuInfo?> PurchasableSkuAsync(IEndpoint endpoint, ICatalogSkus catalog, string sku, CancellationToken ct)
    {
        var found = await catalog.GetAsync([sku], ct);
        if (found.TryGetValue(sku, out var info) && info.IsPublished)
        {
            return info;
        }

        endpoint.ValidationFailures.Add(new("sku", "There is no product on sale with this SKU."));
        await endpoint.HttpContext.Response.SendErrorsAsync(endpoint.ValidationFailures, cancellation: ct);
        return null;
    }

    public static void EnsureInStock(SkuInfo sku, int wanted)
    {
        if (wanted > sku.Available)
        {
            throw new BasketRuleException(OutOfStockField,
                sku.Available == 0 ? "This item is out of stock." : $"Only {sku.Available} of this item are in stock.");
        }
    }

    /// <summary>400 for a bad quantity; 409 when stock is short, since the request was fine but the stock is not.</summary>
    public static Task SendRuleErrorAsync(IEndpoint endpoint, BasketRuleException rule, CancellationToken ct)
    {
        endpoint.ValidationFailures.Add(new(rule.Field, rule.Message));
        var status = rule.Field == OutOfStockField ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return endpoint.HttpContext.Response.SendErrorsAsync(endpoint.ValidationFailures, status, cancellation: ct);
    }
}
