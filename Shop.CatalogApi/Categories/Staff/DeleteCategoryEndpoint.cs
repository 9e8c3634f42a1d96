using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.CatalogApi.Caching;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;

namespace Shop.CatalogApi.Categories.Staff;

public sealed record DeleteCategoryRequest
{
    public int Id { get; init; }
}

/// <summary>
/// Staff remove a category that is empty: one with subcategories or products (deleted products too, which keep
/// their category for orders and reviews) is a 409, so nothing is left without a place in the tree.
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

        var products = await db.Products.CountAsync(p => p.CategoryId == category.Id, ct);
        if (products > 0)
        {
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "category-in-use",
                $"'{category.Name}' still has {products} products; move them to another category first.", ct);
            return;
        }

        db.Categories.Remove(category);
        try
        {
            await db.SaveChangesAsync(ct);
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
