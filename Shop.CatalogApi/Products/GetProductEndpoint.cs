using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Caching;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Images;
using Shop.CatalogApi.Reviews;
using Shop.ServiceDefaults;

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
    long? CompareAtPrice,
    string Category,
    string CategorySlug,
    string Brand,
    string BrandSlug,
    RatingSummary Rating,
    IReadOnlyDictionary<string, object> Attributes,
    IReadOnlyList<VariantResponse> Variants,
    IReadOnlyList<ImageResponse> Images,
    bool InStock,
    bool IsPublished,
    DateTimeOffset CreatedAt);

/// <summary>
/// A published product with its variants and stock, read through the cache (dropped on every change). Staff also
/// get drafts, read past the cache so a shopper's cached answer never holds one.
/// </summary>
public sealed class GetProductEndpoint(CatalogDbContext db, CatalogCache cache) : Endpoint<GetProductRequest, ProductDetail>
{
    public override void Configure()
    {
        Get("/api/products/{IdOrSlug}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(GetProductRequest request, CancellationToken ct)
    {
        var id = Guid.TryParse(request.IdOrSlug, out var parsed)
            ? parsed
            : await cache.SlugAsync(request.IdOrSlug, async token =>
                await db.Products.Where(p => p.Slug == request.IdOrSlug).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(token), ct);

        var product = id is null ? null : await cache.ProductAsync(id.Value, token => LoadAsync(db, id.Value, token), ct);
        if (product is null && id is not null && User.IsStaff())
        {
            product = await LoadAsync(db, id.Value, ct, includeDrafts: true);
        }

        if (product is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(product, ct);
    }

    /// <summary>The product as shoppers see it; staff also see drafts.</summary>
    public static async ValueTask<ProductDetail?> LoadAsync(CatalogDbContext db, Guid id, CancellationToken ct, bool includeDrafts = false)
    {
        var product = await db.Products.AsNoTracking().AsSplitQuery()
            .Include(p => p.Category).Include(p => p.Brand).Include(p => p.Skus).Include(p => p.Attributes).Include(p => p.Images)
            .FirstOrDefaultAsync(p => p.Id == id && (p.IsPublished || includeDrafts) && p.DeletedAt == null, ct);
        return product is null ? null : From(product);
    }

    public static ProductDetail From(Product product)
    {
        var variants = product.Skus.OrderBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => new VariantResponse(s.Code, s.Options, new MoneyResponse(s.Price.Amount, s.Price.Currency), s.CompareAtPrice, Math.Max(0, s.Available)))
            .ToList();
        return new ProductDetail(product.Id, product.Name, product.Slug, product.Description,
            new MoneyResponse(product.Price.Amount, product.Price.Currency), product.CompareAtPrice,
            product.Category.Name, product.Category.Slug, product.Brand.Name, product.Brand.Slug,
            RatingSummary.Of(product.RatingCount, product.RatingSum),
            product.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal).ToDictionary(a => a.Name, a => a.Value),
            variants, product.Images.OrderBy(i => i.Position).ThenBy(i => i.CreatedAt).Select(ImageUrls.Response).ToList(),
            variants.Any(v => v.Available > 0), product.IsPublished, product.CreatedAt);
    }
}
