using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Images;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Stock;

public sealed record SkuLookupRequest
{
    [QueryParam]
    public List<string> Codes { get; init; } = [];
}

/// <summary>What baskets and checkout need about a SKU now: name, image, price and availability.</summary>
public sealed record SkuResponse(
    string Sku,
    Guid ProductId,
    string ProductName,
    string? ImageUrl,
    long Price,
    string Currency,
    int Available,
    bool IsPublished,
    IReadOnlyDictionary<string, string> Options,
    int WeightGrams);

public sealed class SkuLookupValidator : Validator<SkuLookupRequest>
{
    public SkuLookupValidator()
    {
        RuleFor(r => r.Codes).NotEmpty().Must(c => c.Count <= 100).WithMessage("Ask for 1 to 100 SKUs at a time.");
        RuleForEach(r => r.Codes).NotEmpty().MaximumLength(64);
    }
}

/// <summary>
/// SKUs by code. Shoppers (and the basket, which asks without a token) get only SKUs of products on sale: a draft's,
/// an unpublished or a deleted product's are left out like codes that name nothing, so the answer does not show
/// that they exist. Staff get every SKU, with whether it is on sale.
/// </summary>
public sealed class SkuLookupEndpoint(CatalogDbContext db) : Endpoint<SkuLookupRequest, IReadOnlyList<SkuResponse>>
{
    public override void Configure()
    {
        Get("/api/skus");
        AllowAnonymous();
    }

    public override async Task HandleAsync(SkuLookupRequest request, CancellationToken ct)
    {
        var codes = request.Codes.Distinct().ToList();
        // The endpoint is anonymous, but a request with a token is authenticated (UseServiceDefaults): a bad or
        // expired token only leaves the caller a shopper.
        var products = User.IsStaff() ? db.Products : db.Products.Where(p => p.IsPublished && p.DeletedAt == null);
        var skus = await db.Skus.AsNoTracking()
            .Where(s => codes.Contains(s.Code))
            .Join(products, s => s.ProductId, p => p.Id, (s, p) => new
            {
                Sku = s,
                Product = p,
                Image = db.ProductImages.Where(i => i.ProductId == p.Id).OrderBy(i => i.Position).Select(i => new { i.Id, i.ContentHash }).FirstOrDefault(),
            })
            .ToListAsync(ct);

        await Send.OkAsync(skus.Select(x => new SkuResponse(
            x.Sku.Code, x.Product.Id, x.Product.Name,
            x.Image is null ? null : ImageUrls.For(x.Image.Id, x.Image.ContentHash, ProductImageFile.Thumbnail), x.Sku.Price.Amount, x.Sku.Price.Currency,
            x.Sku.Available, x.Product.IsPublished && x.Product.DeletedAt == null, x.Sku.Options, x.Sku.WeightGrams)).ToList(), ct);
    }
}
