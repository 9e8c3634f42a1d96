using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Products;

public sealed record ListProductVariantsRequest
{
    /// <summary>The product's id or its SEO slug.</summary>
    public string IdOrSlug { get; init; } = "";
}

/// <summary>A variant a shopper can pick: its options (size, colour), price, "was" price and what is available now.</summary>
public sealed record VariantResponse(
    string Sku,
    IReadOnlyDictionary<string, string> Options,
    MoneyResponse Price,
    long? CompareAtPrice,
    int Available);

/// <summary>A published product's variants, for the product page's picker.</summary>
public sealed class ListProductVariantsEndpoint(CatalogDbContext db) : Endpoint<ListProductVariantsRequest, IReadOnlyList<VariantResponse>>
{
    public override void Configure()
    {
        Get("/api/products/{IdOrSlug}/variants");
        AllowAnonymous();
    }

    public override async Task HandleAsync(ListProductVariantsRequest request, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking().Where(p => p.IsPublished);
        products = Guid.TryParse(request.IdOrSlug, out var id)
            ? products.Where(p => p.Id == id)
            : products.Where(p => p.Slug == request.IdOrSlug);
        var productId = await products.Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (productId is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var skus = await db.Skus.AsNoTracking().Where(s => s.ProductId == productId).OrderBy(s => s.Code).ToListAsync(ct);
        await Send.OkAsync(skus.Select(s => new VariantResponse(
            s.Code, s.Options, new MoneyResponse(s.Price.Amount, s.Price.Currency), s.CompareAtPrice, s.Available)).ToList(), ct);
    }
}
