namespace Shop.CatalogApi.Domain;

/// <summary>
/// A variant that can be bought and counted: a product in one size and colour, say. Stock is counted here:
/// available = on hand − reserved, and it never goes below zero (the database enforces it too).
/// </summary>
public sealed class Sku
{
    public string Code { get; private set; } = "";
    public Guid ProductId { get; private set; }
    public Dictionary<string, string> Options { get; private set; } = [];
    public Money Price { get; private set; } = null!;

    /// <summary>The "was" price shown struck through; only meaningful above the price.</summary>
    public long? CompareAtPrice { get; private set; }

    public int OnHand { get; private set; }
    public int Reserved { get; private set; }
    public int WeightGrams { get; private set; }

    public int Available => OnHand - Reserved;

    private Sku() { }

    public Sku(string code, Guid productId, Dictionary<string, string> options, Money price, long? compareAtPrice, int onHand, int weightGrams)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        ArgumentOutOfRangeException.ThrowIfNegative(weightGrams);
        Code = code;
        ProductId = productId;
        Options = options;
        Price = price;
        CompareAtPrice = compareAtPrice;
        OnHand = onHand;
        WeightGrams = weightGrams;
    }
}
