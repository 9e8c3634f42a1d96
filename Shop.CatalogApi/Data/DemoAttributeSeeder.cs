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

    /// <summary>The demo catalog's seed lock: replicas starting together wait for each other.</summary>
    private const long SeedLock = 0x5EED_CA7A;

    public async Task SeedAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLock})", cancellationToken);
        if (await db.SeedSteps.AnyAsync(s => s.Name == Step, cancellationToken))
        {
            return;
        }

        var styles = DemoCatalog.Products().Where(p => p.Style is not null).ToDictionary(p => p.Slug, p => p.Style!);
        var slugs = styles.Keys.ToList();
        var products = await db.Products.Include(p => p.Attributes)
            .Where(p => slugs.Contains(p.Slug) && p.DeletedAt == null && !p.Attributes.Any())
            .ToListAsync(cancellationToken);
        foreach (var product in products)
        {
            product.SetAttributes([ProductAttribute.OfText("style", styles[product.Slug])]);
        }

        db.ForgetCachedProducts(products.Select(p => p.Id));
        db.SeedSteps.Add(new SeedStep(Step, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
