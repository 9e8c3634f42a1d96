using FastEndpoints;
using Shop.BasketApi.Catalog;

namespace Shop.BasketApi.Baskets;

/// <summary>The catalog's side of a basket change: the SKU must be on sale and in stock.</summary>
internal static class BasketItemRules
{
    public const string OutOfStockField = "stock";
    private const string SkuField = "sku";

    /// <summary>
    /// Runs a change that needs the SKU on sale, judged by the catalog's recent answer about it (see
    /// <see cref="SkuSnapshots"/>), so an add costs no catalog call. An answer that refuses the change (not on sale,
    /// short of stock) may be out of date, so then the catalog is asked this moment and the change runs once more:
    /// a refusal is always the catalog's current word, while an acceptance may rest on an answer up to
    /// <c>Baskets:CatalogSnapshotLifetime</c> old. The basket is a preview; checkout checks and reserves exactly.
    /// </summary>
    public static async Task<T> WithPurchasableSkuAsync<T>(ICatalogSkus catalog, string code, Func<SkuInfo, Task<T>> change, CancellationToken ct)
    {
        // A code the catalog does not answer for (unknown, or not on sale) is never kept, so not finding it was the
        // catalog's answer just now.
        var recent = await catalog.GetRecentAsync([code], ct);
        var sku = recent[0] ?? throw NotOnSale();

        try
        {
            return await change(Purchasable(sku));
        }
        catch (BasketRuleException rule) when (rule.Field is SkuField or OutOfStockField)
        {
            var now = await catalog.GetAsync([code], ct);
            return await change(now[0] is { } exact ? Purchasable(exact) : throw NotOnSale());
        }
    }

    public static void EnsureInStock(SkuInfo sku, int wanted)
    {
        if (wanted > sku.Available)
        {
            throw new BasketRuleException(OutOfStockField,
                sku.Available == 0 ? "This item is out of stock." : $"Only {sku.Available} of this item are in stock.");
        }
    }

    /// <summary>400 for a bad quantity or SKU; 409 when stock is short, since the request was fine but the stock is not.</summary>
    public static Task SendRuleErrorAsync(IEndpoint endpoint, BasketRuleException rule, CancellationToken ct)
    {
        endpoint.ValidationFailures.Add(new(rule.Field, rule.Message));
        var status = rule.Field == OutOfStockField ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return endpoint.HttpContext.Response.SendErrorsAsync(endpoint.ValidationFailures, status, cancellation: ct);
    }

    private static SkuInfo Purchasable(SkuInfo sku) => sku.IsPublished ? sku : throw NotOnSale();

    private static BasketRuleException NotOnSale() => new(SkuField, "There is no product on sale with this SKU.");
}
