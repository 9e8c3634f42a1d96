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
        // Staff edits drop the cached tree by tag; the key also carries a cheap version of the table, so a category
        // that seeders or tools add straight to the database shows at once too.
        var version = await db.Categories.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Newest = g.Max(c => c.Id) }).FirstOrDefaultAsync(ct);
        var tree = await cache.CategoriesAsync($"{version?.Count}-{version?.Newest}", async token =>
            CategoryTree.Build(await db.Categories.AsNoTracking().ToListAsync(token)), ct);
        await Send.OkAsync(tree, ct);
    }
}
