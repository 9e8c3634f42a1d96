using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Caching;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Products.Staff;

namespace Shop.CatalogApi.Categories.Staff;

public sealed class CreateCategoryValidator : CategoryInputValidator<CategoryInput>;

/// <summary>Staff add a category under a parent, or a top-level department without one.</summary>
public sealed class CreateCategoryEndpoint(CatalogDbContext db, CatalogCache cache) : Endpoint<CategoryInput, CategoryResponse>
{
    public override void Configure()
    {
        Post("/api/categories");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(CategoryInput request, CancellationToken ct)
    {
        var (parent, _) = await CategoryChecks.CheckAsync(db, request, categoryId: null, ValidationFailures, ct);
        ThrowIfAnyErrors();

        var category = new Category(request.Name, request.Slug, parent?.Id, request.SortOrder);
        db.Categories.Add(category);
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
        await Send.ResponseAsync(CategoryChecks.Response(category, parent), StatusCodes.Status201Created, ct);
    }
}
