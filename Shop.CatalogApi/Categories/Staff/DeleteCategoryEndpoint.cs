using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.CatalogApi.Caching;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Categories.Staff;

public sealed record DeleteCategoryRequest
{
    public int Id { get; init; }
}

/// <summary>
/// Staff remove a category without subcategories or products (409 otherwise), so nothing on sale or in the drafts is
/// left without a place in the tree. Deleted products do not count: they let go of the category in the same
/// transaction (their category becomes none), so they can never come back into a category that is gone.
/// </summary>
public sealed class DeleteCategoryEndpoint(CatalogDbContext db, CatalogCache cache) : Endpoint<DeleteCategoryRequest>
{
    public override void Configure()
    {
        Delete("/api/categories/{Id:int}");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(DeleteCategoryRequest request, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == request.Id, ct);
        if (category is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var subcategories = await db.Categories.CountAsync(c => c.ParentId == category.Id, ct);
        if (subcategories > 0)
        {
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "category-has-subcategories",
                $"'{category.Name}' has {subcategories} subcategories; move or delete them first.", ct);
            return;
        }

        var products = await db.Products.CountAsync(p => p.CategoryId == category.Id && p.DeletedAt == null, ct);
        if (products > 0)
        {
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "category-in-use",
                $"'{category.Name}' still has {products} products; move them to another category first.", ct);
            return;
        }

        db.Categories.Remove(category);
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Products.Where(p => p.CategoryId == category.Id && p.DeletedAt != null)
                    .ExecuteUpdateAsync(set => set.SetProperty(p => p.CategoryId, (int?)null), ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            });
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // A product or subcategory arrived between the checks and the delete.
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "category-in-use",
                $"'{category.Name}' has just been given products or subcategories.", ct);
            return;
        }

        await cache.ForgetCategoriesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
