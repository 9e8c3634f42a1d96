using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Stock;

namespace Shop.CatalogApi.Products.Staff;

public sealed record AddSkuRequest : SkuInput
{
    public Guid ProductId { get; init; }
}

public sealed class AddSkuValidator : Validator<AddSkuRequest>
{
    public AddSkuValidator() => Include(new SkuInputValidator<AddSkuRequest>());
}

/// <summary>Staff add a variant to a product, with its opening stock recorded as a stock movement.</summary>
public sealed class AddSkuEndpoint(CatalogDbContext db, TimeProvider clock) : Endpoint<AddSkuRequest, VariantResponse>
{
    public override void Configure()
    {
        Post("/api/products/{ProductId:guid}/skus");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(AddSkuRequest request, CancellationToken ct)
    {
        var product = await db.Products.Include(p => p.Skus).FirstOrDefaultAsync(p => p.Id == request.ProductId && p.DeletedAt == null, ct);
        if (product is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        if (await db.Skus.AnyAsync(s => s.Code == request.Code, ct))
        {
            AddError(r => r.Code, $"The SKU code '{request.Code}' is taken.");
        }

        ThrowIfAnyErrors();
        var sku = product.AddSku(request.Code, request.Options, request.Price is { } own ? Money.Of(own, product.Price.Currency) : null,
            request.CompareAtPrice, request.OnHand, request.WeightGrams);
        db.Skus.Add(sku);
        if (sku.OnHand > 0)
        {
            db.StockMovements.Add(new StockMovement(Guid.CreateVersion7(), sku.Code, sku.OnHand, 0, "initial stock", StaffCaller.Actor(User), clock.GetUtcNow()));
        }

        db.AnnounceProductChanged(product.Id);
        if (!await db.TrySaveUniqueAsync(ct))
        {
            // Another request added a variant with this code since the check above.
            AddError(r => r.Code, $"The SKU code '{request.Code}' is taken.");
            ThrowIfAnyErrors();
        }

        await Send.CreatedAtAsync<GetProductEndpoint>(new { IdOrSlug = product.Id }, SkuResponses.Variant(sku), cancellation: ct);
    }
}
