namespace Shop.WebApp.BackOffice;

/// <summary>A variant's fields as staff type them; the code and opening stock only when adding one.</summary>
public sealed class SkuForm
{
    public string? Code { get; set; }
    public string? Options { get; set; }
    public string? Price { get; set; }
    public string? CompareAtPrice { get; set; }
    public string? OnHand { get; set; }
    public string? WeightGrams { get; set; }

    /// <summary>Only used when editing: the revision the form was filled from, so an edit saved meanwhile is not undone.</summary>
    public string? Revision { get; set; }

    /// <summary>The API does not say whether a variant has a price of its own; one that differs from the product's has.</summary>
    public static SkuForm From(StaffVariant variant, bool hasOwnPrice, int weightGrams) => new()
    {
        Code = variant.Sku, Options = FormValues.Options(variant.Options), Price = hasOwnPrice ? FormValues.Major(variant.Price.Amount) : null,
        CompareAtPrice = FormValues.Major(variant.CompareAtPrice), WeightGrams = weightGrams.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Revision = variant.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public SkuFields? ToFields(Dictionary<string, string> errors, bool adding)
    {
        var options = FormValues.ParseOptions(Options);
        if (options is null)
        {
            errors["options"] = "Write options like size=M, colour=navy.";
        }

        if (!FormValues.TryMinor(Price, out var price))
        {
            errors["price"] = "Enter a price like 54.90, or leave it empty to sell at the product's price.";
        }

        if (!FormValues.TryMinor(CompareAtPrice, out var compareAt))
        {
            errors["compareAtPrice"] = "Enter a price like 59.90, or leave it empty.";
        }

        var onHand = 0;
        if (adding && (!int.TryParse(OnHand, out onHand) || onHand < 0))
        {
            errors["onHand"] = "Enter how many are in stock, 0 or more.";
        }

        if (!int.TryParse(WeightGrams, out var weight) || weight < 0)
        {
            errors["weightGrams"] = "Enter the weight in grams.";
        }

        return errors.Count > 0 ? null
            : new SkuFields(adding ? (Code ?? "").Trim().ToUpperInvariant() : null, options!, price, compareAt, weight, adding ? onHand : null);
    }
}
