using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Products;

public sealed record GetProductRequest
{
    /// <summary>The product's id or its SEO slug.</summary>
    public string IdOrSlug { get; init; } = "";
}

/// <summary>A variant as shoppers see it: its options (size, colour …), what it costs and how many can be bought.</summary>
public sealed record VariantResponse(string Sku, IReadOnlyDictionary<string, string> Options, MoneyResponse Price, long? CompareAtPrice, int Available);

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
    IReadOnlyList<VariantResponse> Variants);

public sealed class GetProductEndpoint(CatalogDbContext db) : Endpoint<GetProductRequest, ProductDetail>
{
    public override void Configure()
    {
        Get("/api/products/{IdOrSlug}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(GetProductRequest request, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking().Where(p => p.IsPublished);
        products = Guid.TryParse(request.IdOrSlug, out var id)
            ? products.Where(p => p.Id == id)
            : products.Where(p => p.Slug == request.IdOrSlug);

        var product = await products
            .Select(p => new ProductDetail(p.Id, p.Name, p.Slug, p.Description,
                new MoneyResponse(p.Price.Amount, p.Price.Currency),
                p.Category.Name, p.Category.Slug, p.Brand.Name, p.Brand.Slug, new List<VariantResponse>()))
            .FirstOrDefaultAsync(ct);
        if (product is not null)
        {
            var skus = await db.Skus.AsNoTracking().Where(s => s.ProductId == product.Id).OrderBy(s => s.Code).ToListAsync(ct);
            product = product with
            {
                Variants = skus.Select(s => new VariantResponse(s.Code, s.Options, new MoneyResponse(s.Price.Amount, s.Price.Currency),
                    s.CompareAtPrice, s.Available)).ToList(),
            };
        }

        if (product is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(product, ct);
    }
}
