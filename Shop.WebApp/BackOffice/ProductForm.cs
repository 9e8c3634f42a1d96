namespace Shop.WebApp.BackOffice;

/// <summary>A product's fields as staff type them (major units, attributes as text), shared by create and edit.</summary>
public sealed class ProductForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string? Brand { get; set; }
    public string? Price { get; set; }
    public string? Currency { get; set; } = "EUR";
    public string? CompareAtPrice { get; set; }
    public string? Attributes { get; set; }

    /// <summary>Only used when editing: the revision the form was filled from, so an edit saved meanwhile is not undone.</summary>
    public string? Revision { get; set; }

    /// <summary>Only used when creating: the first variant.</summary>
    public string? SkuCode { get; set; }

    public string? SkuOptions { get; set; }
    public string? OnHand { get; set; }
    public string? WeightGrams { get; set; }

    public static ProductForm From(StaffProduct product) => new()
    {
        Name = product.Name, Slug = product.Slug, Description = product.Description, Category = product.CategorySlug,
        Brand = product.BrandSlug, Price = FormValues.Major(product.Price.Amount), Currency = product.Price.Currency,
        CompareAtPrice = FormValues.Major(product.CompareAtPrice), Attributes = FormValues.Attributes(product.Attributes),
        Revision = product.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The fields the API takes, or the errors (by the API's field names) of what could not be read.</summary>
    public ProductFields? ToFields(Dictionary<string, string> errors)
    {
        if (!FormValues.TryMinor(Price, out var price) || price is null)
        {
            errors["price"] = "Enter a price like 49.90.";
        }

        if (!FormValues.TryMinor(CompareAtPrice, out var compareAt))
        {
            errors["compareAtPrice"] = "Enter a price like 59.90, or leave it empty.";
        }

        var (attributes, badLine) = FormValues.ParseAttributes(Attributes);
        if (attributes is null)
        {
            errors["attributes"] = $"Line {badLine} is not “name: value”.";
        }

        var name = Name?.Trim() ?? "";
        return errors.Count > 0 ? null : new ProductFields(name, string.IsNullOrWhiteSpace(Slug) ? FormValues.Slug(name) : Slug.Trim(),
            Description?.Trim() ?? "", Category ?? "", Brand ?? "", price!.Value, (Currency ?? "").Trim().ToUpperInvariant(), compareAt, attributes!);
    }

    public SkuFields? ToFirstSku(Dictionary<string, string> errors)
    {
        var options = FormValues.ParseOptions(SkuOptions);
        if (options is null)
        {
            errors["skus[0].options"] = "Write options like size=M, colour=navy.";
        }

        if (!int.TryParse(OnHand, out var onHand) || onHand < 0)
        {
            errors["skus[0].onHand"] = "Enter how many are in stock, 0 or more.";
        }

        if (!int.TryParse(WeightGrams, out var weight) || weight < 0)
        {
            errors["skus[0].weightGrams"] = "Enter the weight in grams.";
        }

        return options is null || errors.Count > 0 ? null : new SkuFields((SkuCode ?? "").Trim().ToUpperInvariant(), options, null, null, weight, onHand);
    }
}
