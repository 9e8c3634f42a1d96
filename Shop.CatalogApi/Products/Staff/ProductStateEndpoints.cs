using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Products.Staff;

public sealed record ProductIdRequest
{
    public Guid Id { get; init; }
}

/// <summary>Loads a product that is not deleted, applies a change, announces it and saves; null when there is none.</summary>
internal static class ProductChange
{
    public static async Task<Product?> ApplyAsync(CatalogDbContext db, Guid id, Action<Product> change, CancellationToken ct)
    {
        var product = await db.Products.Include(p => p.Skus).FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, ct);
        if (product is null)
        {
            return null;
        }

        change(product);
        db.AnnounceProductChanged(product.Id, product.Slug);
        await db.SaveChangesAsync(ct);
        return product;
    }
}

/// <summary>Puts a draft on sale. A product without variants cannot be bought, so it cannot be published.</summary>
public sealed class PublishProductEndpoint(CatalogDbContext db) : Endpoint<ProductIdRequest, ProductDetail>
{
    public override void Configure()
    {
        Post("/api/products/{Id:guid}/publish");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(ProductIdRequest request, CancellationToken ct)
    {
        if (!await db.Skus.AnyAsync(s => s.ProductId == request.Id, ct) && await db.Products.AnyAsync(p => p.Id == request.Id && p.DeletedAt == null, ct))
        {
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "no-variants", "Add a variant before publishing the product.", ct);
            return;
        }

        var product = await ProductChange.ApplyAsync(db, request.Id, p => p.Publish(), ct);
        await (product is null ? Send.NotFoundAsync(ct) : Send.OkAsync((await GetProductEndpoint.LoadAsync(db, product.Id, ct, includeDrafts: true))!, ct));
    }
}

/// <summary>Takes a product off sale; it stays for staff as a draft.</summary>
public sealed class UnpublishProductEndpoint(CatalogDbContext db) : Endpoint<ProductIdRequest, ProductDetail>
{
    public override void Configure()
    {
        Post("/api/products/{Id:guid}/unpublish");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(ProductIdRequest request, CancellationToken ct)
    {
        var product = await ProductChange.ApplyAsync(db, request.Id, p => p.Unpublish(), ct);
        await (product is null ? Send.NotFoundAsync(ct) : Send.OkAsync((await GetProductEndpoint.LoadAsync(db, product.Id, ct, includeDrafts: true))!, ct));
    }
}

/// <summary>
/// Soft delete: the product leaves the store and cannot be bought, while orders keep their own copies of what was
/// bought and reviews and stock history keep their subject. Its slug stays reserved.
/// </summary>
public sealed class DeleteProductEndpoint(CatalogDbContext db, TimeProvider clock) : Endpoint<ProductIdRequest>
{
    public override void Configure()
    {
        Delete("/api/products/{Id:guid}");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(ProductIdRequest request, CancellationToken ct)
    {
        var product = await ProductChange.ApplyAsync(db, request.Id, p => p.Delete(clock.GetUtcNow()), ct);
        await (product is null ? Send.NotFoundAsync(ct) : Send.NoContentAsync(ct));
    }
}
