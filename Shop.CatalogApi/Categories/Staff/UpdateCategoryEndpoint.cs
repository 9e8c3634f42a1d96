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
        var (parent, all) = await CategoryChecks.CheckAsync(db, request, request.Id, ValidationFailures, ct);
        var category = all.FirstOrDefault(c => c.Id == request.Id);
        if (category is null)
        {
            await Send.NotFoundAsync(ct);
            return;
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

        if (await db.SaveOrFindUniqueViolationAsync(ct) is { } index)
        {
            // Another request took the name or the slug between the check and the save.
            if (index == CatalogDbContext.CategoryNameIndex)
            {
                AddError(r => r.Name, CategoryChecks.NameTaken(request.Name, parent));
            }
            else
            {
                AddError(r => r.Slug, $"The slug '{request.Slug}' is taken.");
            }

            ThrowIfAnyErrors();
        }

        await cache.ForgetCategoriesAsync(ct);
        await Send.OkAsync(CategoryChecks.Response(category, parent), ct);
    }
}
