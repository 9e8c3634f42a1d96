namespace Shop.CatalogApi.Domain;

/// <summary>
/// A variant that can be bought and counted: a product in one size and colour, say. Stock is counted here:
/// available = on hand − reserved, and it never goes below zero (the database enforces it too).
/// </summary>
public sealed class Sku
{
    public const int MaxCodeLength = 64;

    public string Code { get; private set; } = "";
    public Guid ProductId { get; private set; }
    public Dictionary<string, string> Options { get; private set; } = [];

    /// <summary>What the variant sells for: its own price, or its product's when it has none of its own.</summary>
    public Money Price { get; private set; } = null!;

    public bool HasOwnPrice { get; private set; }

    /// <summary>The "was" price shown struck through; only meaningful above the price.</summary>
    public long? CompareAtPrice { get; private set; }

    public int OnHand { get; private set; }
    public int Reserved { get; private set; }
    public int WeightGrams { get; private set; }

    public int Available => OnHand - Reserved;

    /// <summary>
    /// Counts staff edits of the details (options, price, weight; not stock), so an edit made from an older revision
    /// is refused rather than undoing another; a concurrency token, checked again as the row is written.
    /// </summary>
    public int Revision { get; private set; }

    private Sku() { }

    /// <summary>
    /// Whether a change of availability sells the variant out or brings it back: the only stock change that search
    /// and listings care about. Any other change shows only in the counts on the product's page.
    /// </summary>
    public static bool SellsOutOrComesBack(int availableBefore, int availableAfter) => availableBefore > 0 != availableAfter > 0;

    public Sku(string code, Guid productId, Dictionary<string, string> options, Money price, long? compareAtPrice, int onHand, int weightGrams, bool hasOwnPrice = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        ArgumentOutOfRangeException.ThrowIfNegative(weightGrams);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);

        Code = code;
        ProductId = productId;
        Options = options;
        Price = price;
        CompareAtPrice = compareAtPrice;
        OnHand = onHand;
        WeightGrams = weightGrams;
        HasOwnPrice = hasOwnPrice;
    }

    /// <summary>The form staff give new codes: upper-case letters, digits, dashes, dots and underscores.</summary>
    public static bool IsValidCode(string code) =>
        code.Length is > 0 and <= MaxCodeLength && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_');

    /// <summary>Changes what staff describe; stock changes only through adjustments and orders.</summary>
    public void Update(Dictionary<string, string> options, Money productPrice, Money? ownPrice, long? compareAtPrice, int weightGrams)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weightGrams);
        Options = options;
        HasOwnPrice = ownPrice is not null;
        Price = ownPrice ?? productPrice;
        CompareAtPrice = compareAtPrice;
        WeightGrams = weightGrams;
        Revision++;
    }

    internal void FollowProductPrice(Money productPrice) => Price = productPrice;
}
