using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Categories;
using Shop.CatalogApi.Reviews;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Products;

public sealed record ListProductsRequest : PagedRequest
{
    /// <summary>Only products in this category or any of its sub-categories.</summary>
    [QueryParam]
    public string? Category { get; init; }
}

public sealed class ListProductsValidator : Validator<ListProductsRequest>
{
    public ListProductsValidator() => Include(new PagedRequestValidator());
}

/// <summary>Published products, newest first.</summary>
public sealed class ListProductsEndpoint(CatalogDbContext db) : Endpoint<ListProductsRequest, PagedResponse<ProductSummary>>
{
    public override void Configure()
    {
        Get("/api/products");
        AllowAnonymous();
    }

    public override async Task HandleAsync(ListProductsRequest request, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking().Where(p => p.IsPublished && p.DeletedAt == null);
        if (request.Category is { } categorySlug)
        {
            var categoryIds = await CategoryTree.SelfAndDescendantIdsAsync(db, categorySlug, ct);
            products = products.Where(p => categoryIds.Contains(p.CategoryId));
        }

        var total = await products.LongCountAsync(ct);
        var items = await products
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Skip(request.Skip).Take(request.PageSize)
            .Select(p => new ProductSummary(p.Id, p.Name, p.Slug, new MoneyResponse(p.Price.Amount, p.Price.Currency), p.Category.Name, p.Brand.Name, RatingSummary.Of(p.RatingCount, p.RatingSum)))
            .ToListAsync(ct);

        await Send.OkAsync(new PagedResponse<ProductSummary>(items, request.Page, request.PageSize, total), ct);
    }
}
