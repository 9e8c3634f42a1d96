using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Caching;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;

namespace Shop.CatalogApi.Categories.Staff;

public sealed record UpdateCategoryRequest : CategoryInput
{
    public int Id { get; init; }
}

public sealed class UpdateCategoryValidator : CategoryInputValidator<UpdateCategoryRequest>;

/// <summary>
/// Staff rename or move a category. Products show their category's path (in search and on their pages), so a
/// change of name, slug or place announces every product in the category and below it.
/// </summary>
public sealed class UpdateCategoryEndpoint(CatalogDbContext db, CatalogCache cache) : Endpoint<UpdateCategoryRequest, CategoryResponse>
{
    public override void Configure()
    {
        Put("/api/categories/{Id:int}");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(UpdateCategoryRequest request, CancellationToken ct)
    {
        var updated = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // A move is checked against the whole tree, so two at once could each pass against the tree before the
            // other and make a loop (a under b, b under a). Category writes take turns; readers are not held up.
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "Categories" IN SHARE ROW EXCLUSIVE MODE""", ct);
            var response = await UpdateAsync(request, ct);
            await transaction.CommitAsync(ct);
            return response;
        });
        if (updated is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await cache.ForgetCategoriesAsync(ct);
        await Send.OkAsync(updated, ct);
    }

    private async Task<CategoryResponse?> UpdateAsync(UpdateCategoryRequest request, CancellationToken ct)
    {
        var (parent, all) = await CategoryChecks.CheckAsync(db, request, request.Id, ValidationFailures, ct);
        var category = all.FirstOrDefault(c => c.Id == request.Id);
        if (category is null)
        {
            return null;
        }

        ThrowIfAnyErrors();
        var (oldName, oldSlug, oldParent) = (category.Name, category.Slug, category.ParentId);
        category.Update(request.Name, request.Slug, parent?.Id, request.SortOrder, all.ToDictionary(c => c.Id, c => c.ParentId));
        if (category.Name != oldName || category.Slug != oldSlug || category.ParentId != oldParent)
        {
            var below = CategoryTree.SelfAndDescendantIds(category.Id, all);
            var products = await db.Products.Where(p => p.CategoryId != null && below.Contains(p.CategoryId.Value) && p.DeletedAt == null).Select(p => p.Id).ToListAsync(ct);
            foreach (var productId in products)
            {
                db.AnnounceProductChanged(productId);
            }
        }

        // No unique violation to expect: the lock keeps other category writes out from the check to the commit.
        await db.SaveChangesAsync(ct);
        return CategoryChecks.Response(category, parent);
    }
}
