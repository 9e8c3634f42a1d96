using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Categories;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Products;

public sealed record ListProductsRequest : PagedRequest
{
    public const string Newest = "newest";
    public const string PriceAscending = "price-asc";
    public const string PriceDescending = "price-desc";
    public static readonly string[] Sorts = [Newest, PriceAscending, PriceDescending];

    /// <summary>Only products in this category or any of its sub-categories.</summary>
    [QueryParam]
    public string? Category { get; init; }

    /// <summary>Only products of this brand (a brand slug).</summary>
    [QueryParam]
    public string? Brand { get; init; }

    /// <summary>Lowest price, in minor units.</summary>
    [QueryParam]
    public long? MinPrice { get; init; }

    /// <summary>Highest price, in minor units.</summary>
    [QueryParam]
    public long? MaxPrice { get; init; }

    /// <summary>Only products with at least one variant available now.</summary>
    [QueryParam]
    public bool InStock { get; init; }

    /// <summary>Words in the name or description; a plain filter, not ranked search (that is /api/search).</summary>
    [QueryParam]
    public string? Text { get; init; }

    /// <summary>newest (the default), price-asc or price-desc.</summary>
    [QueryParam]
    public string Sort { get; init; } = Newest;
}

public sealed class ListProductsValidator : Validator<ListProductsRequest>
{
    public ListProductsValidator()
    {
        Include(new PagedRequestValidator());
        RuleFor(r => r.MinPrice).GreaterThanOrEqualTo(0);
        RuleFor(r => r.MaxPrice).GreaterThanOrEqualTo(r => r.MinPrice ?? 0);
        RuleFor(r => r.Text).MaximumLength(200);
        RuleFor(r => r.Brand).MaximumLength(120);
        RuleFor(r => r.Sort).Must(s => ListProductsRequest.Sorts.Contains(s))
            .WithMessage($"The sort is one of {string.Join(", ", ListProductsRequest.Sorts)}.");
    }
}

/// <summary>Published products, filtered and sorted (newest first by default).</summary>
public sealed class ListProductsEndpoint(CatalogDbContext db) : Endpoint<ListProductsRequest, PagedResponse<ProductSummary>>
{
    public override void Configure()
    {
        Get("/api/products");
        AllowAnonymous();
    }

    public override async Task HandleAsync(ListProductsRequest request, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking().Where(p => p.IsPublished);
        if (request.Category is { } categorySlug)
        {
            var categoryIds = await CategoryTree.SelfAndDescendantIdsAsync(db, categorySlug, ct);
            products = products.Where(p => categoryIds.Contains(p.CategoryId));
        }

        if (request.Brand is { } brandSlug)
        {
            products = products.Where(p => p.Brand.Slug == brandSlug);
        }

        if (request.MinPrice is { } min)
        {
            products = products.Where(p => p.Price.Amount >= min);
        }

        if (request.MaxPrice is { } max)
        {
            products = products.Where(p => p.Price.Amount <= max);
        }

        if (request.InStock)
        {
            products = products.Where(p => db.Skus.Any(s => s.ProductId == p.Id && s.OnHand - s.Reserved > 0));
        }

        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            foreach (var word in request.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pattern = "%" + word.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
                products = products.Where(p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Description, pattern));
            }
        }

        var sorted = request.Sort switch
        {
            ListProductsRequest.PriceAscending => products.OrderBy(p => p.Price.Amount),
            ListProductsRequest.PriceDescending => products.OrderByDescending(p => p.Price.Amount),
            _ => products.OrderByDescending(p => p.CreatedAt),
        };

        var total = await products.LongCountAsync(ct);
        var items = await sorted.ThenBy(p => p.Id)
            .Skip(request.Skip).Take(request.PageSize)
            .Select(p => new ProductSummary(p.Id, p.Name, p.Slug, new MoneyResponse(p.Price.Amount, p.Price.Currency), p.Category.Name, p.Brand.Name))
            .ToListAsync(ct);

        await Send.OkAsync(new PagedResponse<ProductSummary>(items, request.Page, request.PageSize, total), ct);
    }
}
