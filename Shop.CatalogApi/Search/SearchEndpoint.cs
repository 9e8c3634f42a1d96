using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Shop.CatalogApi.Products;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search;

public sealed record SearchRequest : PagedRequest
{
    /// <summary>Deep pages are refused: offset paging gets slower the further it goes, and nobody reads page 500.</summary>
    public const int MaxResultWindow = 10_000;

    public static readonly IReadOnlyDictionary<string, SearchSort> Sorts = new Dictionary<string, SearchSort>
    {
        ["relevance"] = SearchSort.Relevance,
        ["price-asc"] = SearchSort.PriceAscending,
        ["price-desc"] = SearchSort.PriceDescending,
        ["newest"] = SearchSort.Newest,
        ["rating"] = SearchSort.Rating,
    };

    /// <summary>The words to find; without it, every product that passes the filters.</summary>
    [QueryParam]
    public string? Q { get; init; }

    /// <summary>A category's slug: products in it or in any of its sub-categories.</summary>
    [QueryParam]
    public string? Category { get; init; }

    /// <summary>Brand slugs; repeat the parameter for several (any of them).</summary>
    [QueryParam]
    public List<string>? Brand { get; init; }

    /// <summary>In minor units, inclusive.</summary>
    [QueryParam]
    public long? MinPrice { get; init; }

    /// <summary>In minor units, inclusive.</summary>
    [QueryParam]
    public long? MaxPrice { get; init; }

    [QueryParam]
    public bool InStock { get; init; }

    /// <summary>relevance (the default with a query), price-asc, price-desc, newest (the default without), rating.</summary>
    [QueryParam]
    public string? Sort { get; init; }
}

public sealed class SearchValidator : Validator<SearchRequest>
{
    public SearchValidator()
    {
        Include(new PagedRequestValidator());
        RuleFor(r => r.Q).MaximumLength(QueryText.MaxLength);
        RuleFor(r => r.Category).MaximumLength(120);
        RuleFor(r => r.Brand).Must(b => b is null || b.Count <= 20).WithMessage("At most 20 brands at a time.");
        RuleForEach(r => r.Brand).NotEmpty().MaximumLength(120);
        RuleFor(r => r.MinPrice).GreaterThanOrEqualTo(0);
        RuleFor(r => r.MaxPrice).GreaterThanOrEqualTo(0)
            .GreaterThanOrEqualTo(r => r.MinPrice ?? 0).WithMessage("'maxPrice' must not be below 'minPrice'.");
        RuleFor(r => r.Sort).Must(s => s is null || SearchRequest.Sorts.ContainsKey(s))
            .WithMessage($"Sort by one of: {string.Join(", ", SearchRequest.Sorts.Keys)}.");
        RuleFor(r => r.Page).Must((r, page) => (long)page * r.PageSize <= SearchRequest.MaxResultWindow)
            .WithMessage($"Only the first {SearchRequest.MaxResultWindow} results can be paged through; narrow the search.");
    }
}

public sealed record SearchHitResponse(
    Guid Id,
    string Name,
    string Slug,
    MoneyResponse Price,
    string Category,
    string CategorySlug,
    string Brand,
    string BrandSlug,
    bool InStock,
    double? Rating);

/// <summary>
/// <see cref="TotalIsLowerBound"/>: the words matched more products than one search counts (Search:MaxCountedMatches),
/// so at least <see cref="Total"/> match, the facets count the first ones found, and relevance ranks those.
/// </summary>
public sealed record SearchResponse(
    IReadOnlyList<SearchHitResponse> Items,
    int Page,
    int PageSize,
    long Total,
    bool TotalIsLowerBound,
    SearchFacets Facets);

/// <summary>Catalog search: ranked, typo-tolerant, filtered, sorted, paged, with facet counts.</summary>
public sealed class SearchEndpoint(ICatalogSearch search, SynonymSet synonyms, ZeroResultQueries zeroResults)
    : Endpoint<SearchRequest, SearchResponse>
{
    public override void Configure()
    {
        Get("/api/search");
        AllowAnonymous();
    }

    public override async Task HandleAsync(SearchRequest request, CancellationToken ct)
    {
        // Attribute filters come as any number of attr.NAME parameters, so they are read by hand.
        var (attributes, errors) = SearchAttributes.Parse(HttpContext.Request.Query);
        foreach (var (field, error) in errors)
        {
            ValidationFailures.Add(new ValidationFailure(field, error));
        }

        ThrowIfAnyErrors();
        var words = QueryText.Words(request.Q);
        var sort = request.Sort is { } name ? SearchRequest.Sorts[name] : words.Count > 0 ? SearchSort.Relevance : SearchSort.Newest;
        var query = new SearchQuery(
            words,
            await synonyms.ForAsync(words, ct),
            string.IsNullOrWhiteSpace(request.Category) ? null : request.Category,
            request.Brand?.Distinct().ToList() ?? [],
            request.MinPrice,
            request.MaxPrice,
            request.InStock,
            sort,
            request.Page,
            request.PageSize,
            attributes);

        var result = await search.SearchAsync(query, ct);
        if (result.Total == 0 && words.Count > 0)
        {
            await zeroResults.RecordAsync(request.Q!, ct);
        }

        var items = result.Hits.Select(h => new SearchHitResponse(h.Id, h.Name, h.Slug, new MoneyResponse(h.Price, h.Currency),
            h.Category, h.CategorySlug, h.Brand, h.BrandSlug, h.InStock, h.Rating)).ToList();
        await Send.OkAsync(new SearchResponse(items, request.Page, request.PageSize, result.Total, result.TotalIsLowerBound, result.Facets), ct);
    }
}
