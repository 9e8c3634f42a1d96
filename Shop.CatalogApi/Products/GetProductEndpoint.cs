using System.Text.Json;
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

/// <summary>
/// A variant as shoppers see it: its options (size, colour …), what it costs and how many can be bought;
/// <c>Revision</c> counts staff edits of it, for <c>PUT /api/skus/{code}</c>.
/// </summary>
public sealed record VariantResponse(string Sku, IReadOnlyDictionary<string, string> Options, MoneyResponse Price, long? CompareAtPrice, int Available, int Revision);

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
    DateTimeOffset CreatedAt,
    int Revision);

/// <summary>
/// A published product with its variants and stock. Shoppers' pages come from the cache as stored JSON (one Redis
/// read, written out as is), and are stored there on a miss; they are dropped on every change. Staff also get
/// drafts, read past the cache so a shopper's cached answer never holds one.
/// <para>
/// The database context is resolved only on a miss: building one (its options, the connection string parsed) was
/// most of what a cached read allocated.
/// </para>
/// </summary>
public sealed class GetProductEndpoint(CatalogCache cache) : Endpoint<GetProductRequest, ProductDetail>
{
    public override void Configure()
    {
        Get("/api/products/{IdOrSlug}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(GetProductRequest request, CancellationToken ct)
    {
        Guid? id = Guid.TryParse(request.IdOrSlug, out var parsed) ? parsed : null;
        using (var stored = id is { } byId ? await cache.ProductPageAsync(byId) : await cache.ProductPageAsync(request.IdOrSlug))
        {
            if (stored is not null)
            {
                await SendJsonAsync(stored.Memory, ct);
                return;
            }
        }

        var readStart = await cache.ReadStartAsync();
        var products = Resolve<CatalogDbContext>().Products.AsNoTracking();
        var matching = id is { } productId ? products.Where(p => p.Id == productId) : products.Where(p => p.Slug == request.IdOrSlug);
        var product = await LoadAsync(matching, ct, includeDrafts: User.IsStaff());
        if (product is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var page = JsonSerializer.SerializeToUtf8Bytes(product, CatalogCache.ProductJson);
        // Only published pages are stored, so a shopper's cached answer never holds a draft a staff member read.
        if (product.IsPublished)
        {
            await cache.StoreProductPageAsync(product.Id, product.Slug, page, readStart);
        }

        await SendJsonAsync(page, ct);
    }

    private async Task SendJsonAsync(ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        HttpContext.Response.StatusCode = StatusCodes.Status200OK;
        HttpContext.Response.ContentType = "application/json; charset=utf-8";
        HttpContext.Response.ContentLength = json.Length;
        await HttpContext.Response.Body.WriteAsync(json, ct);
    }

    /// <summary>The product as shoppers see it; staff also see drafts.</summary>
    public static ValueTask<ProductDetail?> LoadAsync(CatalogDbContext db, Guid id, CancellationToken ct, bool includeDrafts = false) =>
        LoadAsync(db.Products.AsNoTracking().Where(p => p.Id == id), ct, includeDrafts);

    private static async ValueTask<ProductDetail?> LoadAsync(IQueryable<Product> products, CancellationToken ct, bool includeDrafts = false)
    {
        var product = await products.AsSplitQuery()
            .Include(p => p.Category).Include(p => p.Brand).Include(p => p.Skus).Include(p => p.Attributes).Include(p => p.Images)
            .FirstOrDefaultAsync(p => (p.IsPublished || includeDrafts) && p.DeletedAt == null, ct);
        return product is null ? null : From(product);
    }

    public static ProductDetail From(Product product)
    {
        var variants = product.Skus.OrderBy(s => s.Code, StringComparer.Ordinal)
            .Select(Staff.SkuResponses.Variant)
            .ToList();
        return new ProductDetail(product.Id, product.Name, product.Slug, product.Description,
            new MoneyResponse(product.Price.Amount, product.Price.Currency), product.CompareAtPrice,
            product.Category.Name, product.Category.Slug, product.Brand.Name, product.Brand.Slug,
            RatingSummary.Of(product.RatingCount, product.RatingSum),
            product.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal).ToDictionary(a => a.Name, a => a.Value),
            variants, product.Images.OrderBy(i => i.Position).ThenBy(i => i.CreatedAt).Select(ImageUrls.Response).ToList(),
            variants.Any(v => v.Available > 0), product.IsPublished, product.CreatedAt, product.Revision);
    }
}
