namespace Shop.WebApp.Catalog;

/// <summary>An amount in the currency's minor units (cents), as every Shop API sends it.</summary>
public sealed record Money(long Amount, string Currency);

public sealed record ProductSummary(Guid Id, string Name, string Slug, Money Price, string Category, string Brand);

public sealed record ProductDetail(
    Guid Id, string Name, string Slug, string Description, Money Price, string Category, string CategorySlug, string Brand, string BrandSlug,
    IReadOnlyList<Variant> Variants, IReadOnlyList<ProductPicture> Images, Rating Rating);

/// <summary>
/// A product picture: the original and a thumbnail at most <see cref="ThumbnailSize"/> pixels on its longer side.
/// Their URLs name the content, so browsers may keep them for good.
/// </summary>
public sealed record ProductPicture(Guid Id, string Url, string ThumbnailUrl, int Width, int Height, string? Alt)
{
    public const int ThumbnailSize = 320;

    private double ThumbnailScale => Math.Min(1.0, (double)ThumbnailSize / Math.Max(1, Math.Max(Width, Height)));
    public int ThumbnailWidth => Math.Max(1, (int)Math.Round(Width * ThumbnailScale));
    public int ThumbnailHeight => Math.Max(1, (int)Math.Round(Height * ThumbnailScale));

    /// <summary>Both renditions for the browser to choose from by the width it will show.</summary>
    public string SrcSet => ThumbnailScale < 1 ? $"{ThumbnailUrl} {ThumbnailWidth}w, {Url} {Width}w" : $"{Url} {Width}w";
}

/// <summary>The average (null without reviews) and count of a product's published reviews.</summary>
public sealed record Rating(double? Average, int Count);

public sealed record Review(Guid Id, int Rating, string Title, string Body, string? Author, DateTimeOffset CreatedAt);

public sealed record ReviewPage(IReadOnlyList<Review> Items, int Page, int PageSize, long Total)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

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

/// <summary>A page of products; <see cref="TotalIsLowerBound"/> when the catalog stopped counting (a large listing).</summary>
public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, long Total, bool TotalIsLowerBound = false)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// A page of search results with the facet counts for narrowing them (each facet counted without its own filter);
/// <see cref="TotalIsLowerBound"/> is set when the words matched more products than search counts.
/// </summary>
public sealed record SearchPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, long Total, SearchFacets Facets, bool TotalIsLowerBound = false)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record SearchFacets(
    IReadOnlyList<FacetValue> Categories, IReadOnlyList<FacetValue> Brands, IReadOnlyList<PriceRangeFacet> Prices, IReadOnlyList<AttributeFacet>? Attributes = null);

/// <summary>An attribute's values among the results (material: wool 12, linen 3), most frequent first.</summary>
public sealed record AttributeFacet(string Name, string Label, IReadOnlyList<FacetValue> Values);

public sealed record FacetValue(string Value, string Label, long Count);

/// <summary>Prices from <see cref="From"/> (inclusive) up to <see cref="To"/> (exclusive; null: no upper bound), in minor units.</summary>
public sealed record PriceRangeFacet(long From, long? To, long Count);

