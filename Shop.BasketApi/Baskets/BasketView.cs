using System.Text.Json;
using System.Text.Json.Serialization;
using Shop.BasketApi.Catalog;
using Shop.BasketApi.Promotions;

namespace Shop.BasketApi.Baskets;

public sealed record MoneyView(long Amount, string Currency);

/// <summary>A line as the shopper sees it: the catalog's current name, image, price and stock (and weight, for shipping).</summary>
public sealed record BasketLineView(
    string Sku,
    Guid? ProductId,
    string Name,
    string? ImageUrl,
    MoneyView? UnitPrice,
    int Quantity,
    MoneyView? LineTotal,
    int Available,
    bool Purchasable,
    MoneyView? PriceChangedFrom,
    int UnitWeightGrams);

public sealed record BasketView(
    string Id,
    IReadOnlyList<BasketLineView> Lines,
    int ItemCount,
    MoneyView Subtotal,
    bool HasUnavailableItems,
    DateTimeOffset UpdatedAt)
{
    /// <summary>What a discount code asked for with <c>?discountCode=</c> would take off; checkout applies it again.</summary>
    public DiscountView? Discount { get; init; }

    /// <summary>The subtotal less the previewed discount; shipping and tax are worked out at checkout.</summary>
    public MoneyView Total => Discount is null ? Subtotal : Subtotal with { Amount = Math.Max(0, Subtotal.Amount - Discount.Amount.Amount) };

    /// <summary>
    /// The basket priced from the catalog's answers about its lines' SKUs (<paramref name="catalog"/>, in line order;
    /// null where the catalog has no such SKU on sale). A line whose SKU is gone, unpublished or short of stock is
    /// shown but not counted (one the catalog no longer answers for by the name it had when added), and a line whose
    /// price moved since it was added says from what.
    /// </summary>
    public static BasketView From(Basket basket, IReadOnlyList<SkuInfo?> catalog, string currency)
    {
        // Plain loops: this runs for every basket answer, and LINQ's iterators and closures showed in its allocation profile.
        var lines = new BasketLineView[basket.Lines.Count];
        long subtotal = 0;
        string? subtotalCurrency = null;
        var hasUnavailableItems = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = basket.Lines[i];
            var sku = catalog[i];
            var purchasable = sku is { IsPublished: true } && sku.Available >= line.Quantity;
            var priceChanged = sku is not null && (sku.Price != line.PriceWhenAdded || sku.Currency != line.Currency);
            lines[i] = new BasketLineView(
                line.Sku,
                sku?.ProductId,
                sku?.ProductName ?? line.NameWhenAdded ?? "No longer available",
                sku?.ImageUrl,
                sku is null ? null : new MoneyView(sku.Price, sku.Currency),
                line.Quantity,
                sku is null ? null : new MoneyView(sku.Price * line.Quantity, sku.Currency),
                sku?.Available ?? 0,
                purchasable,
                priceChanged ? new MoneyView(line.PriceWhenAdded, line.Currency) : null,
                sku?.WeightGrams ?? 0);
            if (purchasable)
            {
                subtotal += sku!.Price * line.Quantity;
                subtotalCurrency ??= sku.Currency;
            }
            else
            {
                hasUnavailableItems = true;
            }
        }

        return new BasketView(
            basket.Id,
            lines,
            basket.ItemCount,
            new MoneyView(subtotal, subtotalCurrency ?? currency),
            hasUnavailableItems,
            basket.UpdatedAt);
    }
}

/// <summary>
/// Basket answers as written to the response: camelCase, nulls written, as the service's other answers. Generated
/// at build time, so an answer is written straight to the response without the serializer's reflection metadata
/// or its write stack (about 3 % of the service's allocations went there).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BasketView))]
internal sealed partial class BasketAnswerJson : JsonSerializerContext;
