using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Caching;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Categories;

/// <summary>The whole category tree, top-level departments first, read through the cache.</summary>
public sealed class ListCategoriesEndpoint(CatalogDbContext db, CatalogCache cache) : EndpointWithoutRequest<IReadOnlyList<CategoryNode>>
{
    public override void Configure()
    {
        Get("/api/categories");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var tree = await cache.CategoriesAsync(async token =>
            CategoryTree.Build(await db.Categories.AsNoTracking().ToListAsync(token)), ct);
        await Send.OkAsync(tree, ct);
    }
}
