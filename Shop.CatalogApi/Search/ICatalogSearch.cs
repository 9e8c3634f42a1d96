namespace Shop.CatalogApi.Search;

/// <summary>
/// Catalog search, whatever engine answers it: ranked, typo-tolerant full-text search with filters, sorting and
/// facet counts; prefix suggestions; and the index kept in step with the catalog.
/// </summary>
public interface ICatalogSearch
{
    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken);

    Task<Suggestions> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken);

    /// <summary>Adds or replaces these products' documents.</summary>
    Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken);

    Task RemoveAsync(Guid productId, CancellationToken cancellationToken);

    /// <summary>Removes every document not indexed since <paramref name="since"/>: what a full reindex did not see.</summary>
    Task RemoveIndexedBeforeAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the whole catalog must be indexed: the index is empty (a fresh store), or its documents were written
    /// before it carried everything a search now reads (such as attributes), so every document is rewritten.
    /// </summary>
    Task<bool> NeedsFullIndexAsync(CancellationToken cancellationToken);
}

public enum SearchSort
{
    Relevance,
    PriceAscending,
    PriceDescending,
    Newest,
    Rating,
}

/// <summary>
/// What a shopper asked for. <see cref="Terms"/> are the query's words (already normalised) and
/// <see cref="Synonyms"/> the alternatives staff configured for them.
/// </summary>
public sealed record SearchQuery(
    IReadOnlyList<string> Terms,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms,
    string? Category,
    IReadOnlyList<string> Brands,
    long? MinPrice,
    long? MaxPrice,
    bool InStockOnly,
    SearchSort Sort,
    int Page,
    int PageSize,
    IReadOnlyList<AttributeCondition>? Attributes = null)
{
    public IReadOnlyList<AttributeCondition> AttributeFilters => Attributes ?? [];

    public int Skip => (Page - 1) * PageSize;
}

public sealed record SearchHit(
    Guid Id,
    string Slug,
    string Name,
    string Brand,
    string BrandSlug,
    string Category,
    string CategorySlug,
    long Price,
    string Currency,
    bool InStock,
    double? Rating);

public sealed record FacetValue(string Value, string Label, long Count);

/// <summary>Prices from <see cref="From"/> (inclusive) up to <see cref="To"/> (exclusive; null: no upper bound).</summary>
public sealed record PriceRangeFacet(long From, long? To, long Count);

/// <summary>One attribute's values among the matches, most frequent first.</summary>
public sealed record AttributeFacet(string Name, string Label, IReadOnlyList<FacetValue> Values);

/// <summary>
/// <see cref="AttributeCountsAreLowerBounds"/>: the attribute counts were counted over the first products found
/// (more matched than one search counts), so each is at least what it says.
/// </summary>
public sealed record SearchFacets(
    IReadOnlyList<FacetValue> Categories,
    IReadOnlyList<FacetValue> Brands,
    IReadOnlyList<PriceRangeFacet> Prices,
    IReadOnlyList<AttributeFacet> Attributes,
    bool AttributeCountsAreLowerBounds = false);

/// <summary>
/// When <see cref="TotalIsLowerBound"/> is set, the words matched more products than an engine counts for one search:
/// at least <see cref="Total"/> match, and the facets count those first found.
/// </summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, long Total, SearchFacets Facets, bool TotalIsLowerBound = false);

public sealed record ProductSuggestion(Guid Id, string Name, string Slug);

public sealed record Suggestions(IReadOnlyList<string> Words, IReadOnlyList<ProductSuggestion> Products);

public sealed record CategoryRef(string Slug, string Name);

/// <summary>
/// What the index knows about one published product. <see cref="CategoryPath"/> runs from the top-level department
/// down to the product's own category, so a filter on any ancestor finds it.
/// </summary>
public sealed record SearchDocument(
    Guid ProductId,
    string Slug,
    string Name,
    string Brand,
    string BrandSlug,
    IReadOnlyList<CategoryRef> CategoryPath,
    string Description,
    long Price,
    string Currency,
    bool InStock,
    double? Rating,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SearchAttribute> Attributes);
