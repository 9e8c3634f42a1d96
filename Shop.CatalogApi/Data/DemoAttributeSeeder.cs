using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Data;

/// <summary>
/// Gives the demo catalog's products a <c>style</c> attribute (the quality in their name), so category pages have an
/// attribute facet to show. Runs once per database, after the catalog is seeded; demo products that already have
/// attributes, or were deleted, are left alone. Seeding runs before the service starts, and the search index is
/// built in full after a store's first seeding or an upgrade that added attributes to documents (SearchIndexer), so
/// no per-product event is needed.
/// </summary>
public sealed class DemoAttributeSeeder(TimeProvider clock) : IDatabaseSeeder<CatalogDbContext>
{
    public const string Step = "demo-attributes";

    public Task SeedAsync(CatalogDbContext db, CancellationToken cancellationToken) =>
        SeedLock.RunStepOnceAsync(db, Step, clock, async token =>
        {
            var styles = DemoCatalog.Products().Where(p => p.Style is not null).ToList();
            // One statement; new child rows with their own keys are inserted here, not discovered by change tracking.
            var products = await db.Database.SqlQuery<Guid>($"""
                INSERT INTO "ProductAttributes" ("Id", "ProductId", "Name", "Kind", "Text")
                SELECT gen_random_uuid(), p."Id", 'style', {nameof(AttributeKind.Text)}, s.style
                FROM unnest({styles.Select(p => p.Slug).ToArray()}, {styles.Select(p => p.Style!).ToArray()}) AS s(slug, style)
                JOIN "Products" p ON p."Slug" = s.slug
                WHERE p."DeletedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "ProductAttributes" a WHERE a."ProductId" = p."Id")
                RETURNING "ProductId" AS "Value"
                """).ToListAsync(token);
            db.ForgetCachedProducts(products);
        }, cancellationToken);
}
