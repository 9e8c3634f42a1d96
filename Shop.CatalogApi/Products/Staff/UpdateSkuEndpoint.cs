using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Products.Staff;

public sealed record UpdateSkuRequest : SkuDetailsInput
{
    public string Code { get; init; } = "";

    /// <summary>
    /// The variant's <c>revision</c> the edit was made from. When given and the variant has been edited since, the
    /// edit is refused (409) rather than undoing that other edit. Left out, the edit replaces whatever is there.
    /// </summary>
    public int? Revision { get; init; }
}

public sealed class UpdateSkuValidator : Validator<UpdateSkuRequest>
{
    public UpdateSkuValidator() => Include(new SkuDetailsInputValidator<UpdateSkuRequest>());
}

/// <summary>Staff change a variant's options, price and weight. Stock changes only through stock adjustments.</summary>
public sealed class UpdateSkuEndpoint(CatalogDbContext db) : Endpoint<UpdateSkuRequest, VariantResponse>
{
    public override void Configure()
    {
        Put("/api/skus/{Code}");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(UpdateSkuRequest request, CancellationToken ct)
    {
        var sku = await db.Skus.FirstOrDefaultAsync(s => s.Code == request.Code, ct);
        var product = sku is null ? null : await db.Products.FirstOrDefaultAsync(p => p.Id == sku.ProductId && p.DeletedAt == null, ct);
        if (sku is null || product is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var price = request.Price is { } own ? Money.Of(own, product.Price.Currency) : null;
        if (request.CompareAtPrice is { } wasPrice && wasPrice <= (price ?? product.Price).Amount)
        {
            AddError(r => r.CompareAtPrice, "A compare-at price is above the price.");
        }

        ThrowIfAnyErrors();
        db.CheckAgainst(sku, s => s.Revision, request.Revision);
        sku.Update(request.Options, product.Price, price, request.CompareAtPrice, request.WeightGrams);
        db.AnnounceProductChanged(product.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await HttpContext.SendEditedMeanwhileAsync("variant", ct);
            return;
        }

        await Send.OkAsync(SkuResponses.Variant(sku), ct);
    }
}

public static class SkuResponses
{
    public static VariantResponse Variant(Sku sku) =>
        new(sku.Code, sku.Options, new MoneyResponse(sku.Price.Amount, sku.Price.Currency), sku.CompareAtPrice, Math.Max(0, sku.Available), sku.Revision);
}
