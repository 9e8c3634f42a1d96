using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Categories;

/// <summary>The whole category tree, top-level departments first.</summary>
public sealed class ListCategoriesEndpoint(CatalogDbContext db) : EndpointWithoutRequest<IReadOnlyList<CategoryNode>>
{
    public override void Configure()
    {
        Get("/api/categories");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().ToListAsync(ct);
        await Send.OkAsync(CategoryTree.Build(categories), ct);
    }
}
