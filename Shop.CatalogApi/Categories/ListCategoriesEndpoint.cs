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
        // Keyed by the taxonomy's version, which a trigger raises in the same transaction as any write to the
        // categories (a rename, a move, a new sort order; by staff, seeders or by hand): a tree read before a write
        // is never found under a version read after it, on any replica, whenever the tag drop reaches them.
        var version = await db.Database.SqlQuery<long>($"""SELECT "Version" AS "Value" FROM "CatalogTaxonomyVersion" """).SingleAsync(ct);
        var tree = await cache.CategoriesAsync(version.ToString(System.Globalization.CultureInfo.InvariantCulture), async token =>
            CategoryTree.Build(await db.Categories.AsNoTracking().ToListAsync(token)), ct);
        await Send.OkAsync(tree, ct);
    }
}
