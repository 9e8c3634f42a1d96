namespace Shop.WebApp.Catalog;

/// <summary>An amount in the currency's minor units (cents), as every Shop API sends it.</summary>
public sealed record Money(long Amount, string Currency);

public sealed record ProductSummary(Guid Id, string Name, string Slug, Money Price, string Category, string Brand);

public sealed record ProductDetail(
    Guid Id, string Name, string Slug, string Description, Money Price, string Category, string CategorySlug, string Brand, string BrandSlug,
    IReadOnlyList<Variant> Variants);

public sealed record Variant(string Sku, IReadOnlyDictionary<string, string> Options, Money Price, long? CompareAtPrice, int Available)
{
    /// <summary>"Size M", or the product's name for a product with one variant and no options.</summary>
    public string Label(string fallback) =>
        Options.Count == 0 ? fallback : string.Join(", ", Options.Select(o => $"{char.ToUpperInvariant(o.Key[0])}{o.Key[1..]} {o.Value}"));
}

public sealed record Brand(int Id, string Name, string Slug);

public sealed record CategoryNode(int Id, string Name, string Slug, IReadOnlyList<CategoryNode> Children)
{
    public IEnumerable<CategoryNode> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}

/// <summary>A page of products; search sets <see cref="TotalIsLowerBound"/> when its words matched more than it counts.</summary>
public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, long Total, bool TotalIsLowerBound = false)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}
