using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.CatalogApi.Categories;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Reviews;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Products;

public sealed record ListProductsRequest : PagedRequest
{
    /// <summary>Only products in this category or any of its sub-categories (a category slug).</summary>
    [QueryParam]
    public string? Category { get; init; }

    /// <summary>Only products of this brand (a brand slug).</summary>
    [QueryParam]
    public string? Brand { get; init; }

    /// <summary>Lowest price, in minor units, included.</summary>
    [QueryParam]
    public long? MinPrice { get; init; }

    /// <summary>Highest price, in minor units, included.</summary>
    [QueryParam]
    public long? MaxPrice { get; init; }

    /// <summary>true: only products with at least one variant available.</summary>
    [QueryParam]
    public bool? InStock { get; init; }

    /// <summary>Words in the name or description; a plain filter, not ranked search (that is /api/search).</summary>
    [QueryParam]
    public string? Text { get; init; }

    /// <summary>newest (the default), price-asc, price-desc or rating.</summary>
    [QueryParam]
    public string? Sort { get; init; }

    /// <summary>published (the default); staff may ask for draft or all, to find products that are not on sale.</summary>
    [QueryParam]
    public string? Status { get; init; }
}

public static class ProductStatusFilter
{
    public const string Published = "published";
    public const string Draft = "draft";
    public const string All = "all";

    public static readonly string[] Values = [Published, Draft, All];
}

public sealed class ListProductsValidator : Validator<ListProductsRequest>
{
    public ListProductsValidator()
    {
        Include(new PagedRequestValidator());
        RuleFor(r => r.MinPrice).GreaterThanOrEqualTo(0);
        RuleFor(r => r.MaxPrice).GreaterThanOrEqualTo(0)
            .GreaterThanOrEqualTo(r => r.MinPrice).When(r => r.MinPrice is not null).WithMessage("The highest price is at least the lowest.");
        RuleFor(r => r.Sort).Must(s => s is null || ProductSort.All.Contains(s))
            .WithMessage($"Sort by one of: {string.Join(", ", ProductSort.All)}.");
        RuleFor(r => r.Category).MaximumLength(120);
        RuleFor(r => r.Brand).MaximumLength(120);
        RuleFor(r => r.Text).MaximumLength(200);
        RuleFor(r => r.Status).Must(s => s is null || ProductStatusFilter.Values.Contains(s))
            .WithMessage($"The status is one of: {string.Join(", ", ProductStatusFilter.Values)}.");
    }
}

/// <summary>
/// Published products, filtered by category (with its sub-categories), brand, price range, attributes
/// (<c>attr.NAME=VALUE</c>), availability and words in the name or description, and sorted; newest first by default.
/// Staff may list drafts too (<c>status=draft</c> or <c>all</c>), where the words also match SKU codes and slugs.
/// </summary>
public sealed class ListProductsEndpoint(CatalogDbContext db, CatalogTaxonomy taxonomy, IOptions<ProductListingOptions> options) : Endpoint<ListProductsRequest, PagedResponse<ProductSummary>>
{
    public override void Configure()
    {
        Get("/api/products");
        AllowAnonymous();
    }

    public override async Task HandleAsync(ListProductsRequest request, CancellationToken ct)
    {
        var status = request.Status ?? ProductStatusFilter.Published;
        var staffListing = status != ProductStatusFilter.Published;
        if (staffListing && !User.IsStaff())
        {
            await (User.Identity?.IsAuthenticated == true ? Send.ForbiddenAsync(ct) : Send.UnauthorizedAsync(ct));
            return;
        }

        var attributeFilters = ParseAttributeFilters();
        var products = db.Products.AsNoTracking().Where(p => p.DeletedAt == null);
        products = status switch
        {
            ProductStatusFilter.Draft => products.Where(p => !p.IsPublished),
            ProductStatusFilter.All => products,
            _ => products.Where(p => p.IsPublished),
        };
        // Storefront category pages (published, filtered by category, brand, price and availability only) are counted
        // exactly from the listing counts, in one statement that also reads the taxonomy's version: the copy in memory
        // is used first and, if that version says it is out of date, read again and the count redone. Other
        // listings (words, attribute filters, staff) read the version first and count up to the cap.
        var countable = status == ProductStatusFilter.Published && string.IsNullOrWhiteSpace(request.Text) && attributeFilters.Count == 0;
        var known = await taxonomy.HeldAsync(db, ct);
        if (!countable || !known.Knows(request.Category, request.Brand))
        {
            known = await taxonomy.CurrentAsync(db, ct);
        }

        (IReadOnlyCollection<int>? CategoryIds, int? BrandId) Find(CatalogTaxonomy.Snapshot snapshot)
        {
            var categoryIds = request.Category is { } categorySlug ? snapshot.SelfAndDescendantIds(categorySlug) : null;
            if (categoryIds is { Count: 0 })
            {
                ValidationFailures.Add(new ValidationFailure("category", $"There is no category '{request.Category}'."));
            }

            var brandId = request.Brand is { } brandSlug ? snapshot.BrandId(brandSlug) : null;
            if (request.Brand is not null && brandId is null)
            {
                ValidationFailures.Add(new ValidationFailure("brand", $"There is no brand '{request.Brand}'."));
            }

            return (categoryIds, brandId);
        }

        var (categoryIds, brandId) = Find(known);
        ThrowIfAnyErrors();
        Dictionary<int, long>? counted = null;
        if (countable)
        {
            var (counts, version) = await ListingCounts.CountAsync(db, categoryIds, brandId, request.MinPrice, request.MaxPrice, request.InStock == true, ct);
            if (version != known.Version)
            {
                known = await taxonomy.CurrentAsync(db, ct);
                (categoryIds, brandId) = Find(known);
                ThrowIfAnyErrors();
                (counts, _) = await ListingCounts.CountAsync(db, categoryIds, brandId, request.MinPrice, request.MaxPrice, request.InStock == true, ct);
            }

            counted = counts;
        }

        if (request.Brand is not null)
        {
            // By id rather than joined by slug: the planner then reads the brand's products of a category straight
            // from the (category, brand, price) index, and knows how many the brand has.
            products = products.Where(p => p.BrandId == brandId);
        }

        if (request.MinPrice is { } min)
        {
            products = products.Where(p => p.Price.Amount >= min);
        }

        if (request.MaxPrice is { } max)
        {
            products = products.Where(p => p.Price.Amount <= max);
        }

        if (request.InStock == true)
        {
            products = products.Where(p => p.InStock);
        }

        foreach (var word in (request.Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pattern = "%" + word.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            products = staffListing
                ? products.Where(p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Description, pattern)
                    || EF.Functions.ILike(p.Slug, pattern) || p.Skus.Any(s => EF.Functions.ILike(s.Code, pattern)))
                : products.Where(p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Description, pattern));
        }

        foreach (var filter in attributeFilters)
        {
            products = Matching(products, filter);
        }

        var sort = request.Sort ?? ProductSort.Newest;
        var inCategories = categoryIds is { } ids ? products.Where(p => ids.Contains(p.CategoryId!.Value)) : products;
        var maxCounted = options.Value.MaxCountedProducts;
        var total = counted?.Values.Sum() ?? await inCategories.Take(maxCounted + 1).LongCountAsync(ct);
        var totalIsLowerBound = counted is null && total > maxCounted;
        // The page is chosen from the products' sort keys alone, which the listing indexes hold (an index-only read
        // passes thousands of non-matching entries in a few index pages, where reading each product's row costs a
        // page a product), and only its products are read in full.
        // Each category's own first pages in the listing's order, from its (category, order) index, merged: one
        // order walked across the whole catalog passes every product of the other categories first whenever a
        // category's prices or dates cluster at one end.
        var take = request.Skip + request.PageSize;
        if (counted is not null && total <= request.Skip)
        {
            // Counted exactly: nothing on this page.
            await Send.OkAsync(new PagedResponse<ProductSummary>([], request.Page, request.PageSize, total, false), ct);
            return;
        }

        IQueryable<ListingKey> keys;
        if (categoryIds is { Count: > 0 } categories)
        {
            // Counted, the categories without a match (a department holding only sub-categories) are left out.
            var listed = counted is null ? categories : [.. categories.Where(id => counted.GetValueOrDefault(id) > 0)];
            var sparseBelow = options.Value.SparseCategoryMatches;
            var narrowed = request.Brand is not null || request.MinPrice is not null || request.MaxPrice is not null;
            var sparse = !narrowed || sort is not (ProductSort.Newest or ProductSort.Rating) ? []
                : counted is not null ? [.. listed.Where(id => counted.GetValueOrDefault(id) < sparseBelow)]
                : await SparseCategoriesAsync(products, listed, sparseBelow, ct);
            keys = listed.Select(id => CategoryKeys(products.Where(p => p.CategoryId == id), sort, take, sparse.Contains(id) ? sparseBelow : null))
                .Aggregate(Queryable.Concat);
        }
        else
        {
            keys = SortedKeys(Keys(products, sort), sort);
        }

        var pageKeys = SortedKeys(keys, sort).Skip(request.Skip).Take(request.PageSize);
        var items = await SortedKeys(pageKeys.Join(db.Products, k => k.Id, p => p.Id, (k, p) => new ListingRow
            {
                Id = k.Id, CreatedAt = k.CreatedAt, Price = k.Price, Rating = k.Rating, RatingCount = k.RatingCount,
                Summary = new ProductSummary(p.Id, p.Name, p.Slug, new MoneyResponse(p.Price.Amount, p.Price.Currency), p.CompareAtPrice,
                    p.Category.Name, p.Brand.Name, RatingSummary.Of(p.RatingCount, p.RatingSum), p.InStock, p.CreatedAt, p.IsPublished),
            }), sort)
            .Select(r => r.Summary)
            .ToListAsync(ct);

        await Send.OkAsync(new PagedResponse<ProductSummary>(
            items, request.Page, request.PageSize, totalIsLowerBound ? maxCounted : total, totalIsLowerBound), ct);
    }

    /// <summary>Attribute filters come as any number of <c>attr.NAME</c> query parameters, so they are read by hand.</summary>
    private List<AttributeFilter> ParseAttributeFilters()
    {
        var filters = new List<AttributeFilter>();
        foreach (var (key, values) in HttpContext.Request.Query.Where(q => q.Key.StartsWith(AttributeFilter.QueryPrefix, StringComparison.Ordinal)))
        {
            var (filter, error) = AttributeFilter.Parse(key[AttributeFilter.QueryPrefix.Length..], values.ToString());
            if (filter is null)
            {
                ValidationFailures.Add(new ValidationFailure(key, error));
            }
            else
            {
                filters.Add(filter);
            }
        }

        if (filters.Count > AttributeFilter.MaxFilters)
        {
            ValidationFailures.Add(new ValidationFailure("attr", $"At most {AttributeFilter.MaxFilters} attribute filters."));
        }

        return filters;
    }

    private static IQueryable<Product> Matching(IQueryable<Product> products, AttributeFilter filter)
    {
        // A single number ("2024") matches number attributes of that value and text attributes spelt so.
        var (name, isRange, min, max, boolean) = (filter.Name, filter.IsRange, filter.Min, filter.Max, filter.Boolean);
        var texts = filter.Texts.Select(t => t.ToLower()).ToList();
        var numbers = filter.Numbers.ToList();
        return products.Where(p => p.Attributes.Any(a => a.Name == name
            && ((isRange && a.Kind == AttributeKind.Number && (min == null || a.Number >= min) && (max == null || a.Number <= max))
                || (numbers.Count > 0 && a.Kind == AttributeKind.Number && numbers.Contains(a.Number!.Value))
                || (a.Kind == AttributeKind.Text && texts.Contains(a.Text!.ToLower()))
                || (boolean != null && a.Kind == AttributeKind.Boolean && a.Boolean == boolean))));
    }

    /// <summary>
    /// The categories (of those listed) where fewer than <paramref name="sparseBelow"/> products pass the filters. Walking a
    /// category's order index for such a filter would pass most of the category's products.
    /// </summary>
    private async Task<HashSet<int>> SparseCategoriesAsync(IQueryable<Product> products, IReadOnlyCollection<int> categoryIds, int sparseBelow, CancellationToken ct)
    {
        // One statement; each category's count reads at most that many entries of the (category, price) or
        // (category, brand, price) index.
        var sparse = await db.Categories.Where(c => categoryIds.Contains(c.Id))
            .Where(c => products.Where(p => p.CategoryId == c.Id).Take(sparseBelow).Count() < sparseBelow)
            .Select(c => c.Id)
            .ToListAsync(ct);
        return [.. sparse];
    }

    /// <summary>
    /// A category's first <paramref name="take"/> sort keys. Where the filters leave fewer than
    /// <paramref name="sparseBelow"/> matches, they are all read from the index the filters narrow (price or brand, in
    /// price order: taking that many takes them all) and sorted, rather than the order index walked past nearly all
    /// of the category.
    /// </summary>
    private static IQueryable<ListingKey> CategoryKeys(IQueryable<Product> inCategory, string sort, int take, int? sparseBelow)
    {
        var candidates = sparseBelow is { } all
            ? inCategory.OrderBy(p => p.Price.Amount).ThenBy(p => p.Id).Take(all)
            : inCategory;
        return SortedKeys(Keys(candidates, sort), sort).Take(take);
    }

    private static IQueryable<ListingKey> Keys(IQueryable<Product> products, string sort) => sort switch
    {
        ProductSort.PriceAscending or ProductSort.PriceDescending => products.Select(p => new ListingKey { Id = p.Id, Price = p.Price.Amount }),
        ProductSort.Rating => products.Select(p => new ListingKey
        {
            Id = p.Id, Rating = p.RatingCount == 0 ? 0.0 : (double)p.RatingSum / p.RatingCount, RatingCount = p.RatingCount,
        }),
        _ => products.Select(p => new ListingKey { Id = p.Id, CreatedAt = p.CreatedAt }),
    };

    /// <summary>
    /// The listing's order, over sort keys: the same expressions as the listing indexes', so a category's keys are read
    /// from its index in order. Ties in the same direction as a descending price, so that index read backwards serves.
    /// </summary>
    private static IQueryable<TKey> SortedKeys<TKey>(IQueryable<TKey> keys, string sort)
        where TKey : ListingKey => sort switch
    {
        ProductSort.PriceAscending => keys.OrderBy(k => k.Price).ThenBy(k => k.Id),
        ProductSort.PriceDescending => keys.OrderByDescending(k => k.Price).ThenByDescending(k => k.Id),
        ProductSort.Rating => keys.OrderByDescending(k => k.Rating).ThenByDescending(k => k.RatingCount).ThenBy(k => k.Id),
        _ => keys.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id),
    };

    /// <summary>A product's place in the listing: its id and the sort's keys (the others left at their defaults).</summary>
    private class ListingKey
    {
        public Guid Id { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public long Price { get; init; }

        public double Rating { get; init; }

        public int RatingCount { get; init; }
    }

    /// <summary>A product of the page, with its sort keys to keep the page's order.</summary>
    private sealed class ListingRow : ListingKey
    {
        public required ProductSummary Summary { get; init; }
    }
}
