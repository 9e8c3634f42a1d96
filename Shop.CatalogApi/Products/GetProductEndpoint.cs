using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Reviews;

namespace Shop.CatalogApi.Products;

public sealed record GetProductRequest
{
    /// <summary>The product's id or its SEO slug.</summary>
    public string IdOrSlug { get; init; } = "";
}

public sealed record ProductDetail(
    Guid Id,
    string Name,
    string Slug,
    string Description,
    MoneyResponse Price,
    string Category,
    string CategorySlug,
    string Brand,
    string BrandSlug,
    RatingSummary Rating);

public sealed class GetProductEndpoint(CatalogDbContext db) : Endpoint<GetProductRequest, ProductDetail>
{
    public override void Configure()
    {
        Get("/api/products/{IdOrSlug}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(GetProductRequest request, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking().Where(p => p.IsPublished && p.DeletedAt == null);
        products = Guid.TryParse(request.IdOrSlug, out var id)
            ? products.Where(p => p.Id == id)
            : products.Where(p => p.Slug == request.IdOrSlug);

        var product = await products
            .Select(p => new ProductDetail(p.Id, p.Name, p.Slug, p.Description,
                new MoneyResponse(p.Price.Amount, p.Price.Currency),
                p.Category.Name, p.Category.Slug, p.Brand.Name, p.Brand.Slug, RatingSummary.Of(p.RatingCount, p.RatingSum)))
            .FirstOrDefaultAsync(ct);

        if (product is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(product, ct);
    }
}
