using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Brands.Staff;

public sealed record DeleteBrandRequest
{
    public int Id { get; init; }
}

/// <summary>
/// Staff remove a brand that no product has (409 otherwise). Deleted products do not count: they let go of the brand
/// in the same transaction (their brand becomes none), so they can never come back with a brand that is gone.
/// </summary>
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

        var products = await db.Products.CountAsync(p => p.BrandId == brand.Id && p.DeletedAt == null, ct);
        if (products > 0)
        {
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "brand-in-use",
                $"'{brand.Name}' still has {products} products; give them another brand first.", ct);
            return;
        }

        db.Brands.Remove(brand);
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Products.Where(p => p.BrandId == brand.Id && p.DeletedAt != null)
                    .ExecuteUpdateAsync(set => set.SetProperty(p => p.BrandId, (int?)null), ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            });
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
