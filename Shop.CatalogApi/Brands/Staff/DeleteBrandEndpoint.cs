using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;

namespace Shop.CatalogApi.Brands.Staff;

public sealed record DeleteBrandRequest
{
    public int Id { get; init; }
}

/// <summary>Staff remove a brand that no product has (deleted products included: they keep theirs); otherwise 409.</summary>
public sealed class DeleteBrandEndpoint(CatalogDbContext db) : Endpoint<DeleteBrandRequest>
{
    public override void Configure()
    {
        Delete("/api/brands/{Id:int}");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(DeleteBrandRequest request, CancellationToken ct)
    {
        var brand = await db.Brands.FirstOrDefaultAsync(b => b.Id == request.Id, ct);
        if (brand is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var products = await db.Products.CountAsync(p => p.BrandId == brand.Id, ct);
        if (products > 0)
        {
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "brand-in-use",
                $"'{brand.Name}' still has {products} products; give them another brand first.", ct);
            return;
        }

        db.Brands.Remove(brand);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // A product was given the brand between the check and the delete.
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "brand-in-use", $"'{brand.Name}' has just been given a product.", ct);
            return;
        }

        await Send.NoContentAsync(ct);
    }
}
