using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Data;

/// <summary>The demo catalog (<see cref="DemoCatalog"/>) so a fresh store is not empty; added only to an empty catalog.</summary>
public sealed class CatalogSeeder : IDatabaseSeeder<CatalogDbContext>
{
    public async Task SeedAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await SeedLock.TakeAsync(db, cancellationToken);
        if (await db.Categories.AnyAsync(cancellationToken))
        {
            return;
        }

        var categories = new Dictionary<string, Category>();
        var order = 0;
        foreach (var department in DemoCatalog.Departments)
        {
            var parent = new Category(department.Name, department.Slug, sortOrder: ++order);
            db.Categories.Add(parent);
            await db.SaveChangesAsync(cancellationToken);
            var childOrder = 0;
            foreach (var shelf in department.Categories)
            {
                categories[shelf.Slug] = new Category(shelf.Name, shelf.Slug, parent.Id, ++childOrder);
            }
        }

        db.Categories.AddRange(categories.Values);
        var brands = DemoCatalog.Brands.ToDictionary(b => b.Slug, b => new Brand(b.Name, b.Slug));
        db.Brands.AddRange(brands.Values);

        foreach (var spec in DemoCatalog.Products())
        {
            var product = new Product(spec.Name, spec.Slug, spec.Description, categories[spec.CategorySlug], brands[spec.BrandSlug],
                Money.Of(spec.Price, DemoCatalog.Currency));
            product.Publish();
            db.Products.Add(product);
            db.Skus.AddRange(spec.Skus.Select(sku => new Sku(sku.Code, product.Id, sku.Options, product.Price, null, sku.OnHand, sku.WeightGrams)));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
