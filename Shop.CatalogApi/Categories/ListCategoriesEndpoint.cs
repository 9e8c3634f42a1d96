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
        // Categories have no editing endpoint yet (seeders and tools write them), so the cached tree is keyed by a
        // cheap version of the table: a category added anywhere shows at once.
        var version = await db.Categories.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Newest = g.Max(c => c.Id) }).FirstOrDefaultAsync(ct);
        var tree = await cache.CategoriesAsync($"{version?.Count}-{version?.Newest}", async token =>
            CategoryTree.Build(await db.Categories.AsNoTracking().ToListAsync(token)), ct);
        await Send.OkAsync(tree, ct);
    }
}
