using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Data;

/// <summary>A small starter catalog so a fresh store is not empty; each part is added only where it is missing.</summary>
public sealed class CatalogSeeder : IDatabaseSeeder<CatalogDbContext>
{
    private const string Currency = "EUR";

    public async Task SeedAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Categories.AnyAsync(cancellationToken))
        {
            await SeedProductsAsync(db, cancellationToken);
        }

        if (!await db.Skus.AnyAsync(cancellationToken))
        {
            await SeedSkusAsync(db, cancellationToken);
        }
    }

    /// <summary>Clothes come in sizes; everything else in one variant. Each starts with 25 in stock.</summary>
    private static async Task SeedSkusAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var products = await db.Products.Include(p => p.Category).ToListAsync(cancellationToken);
        foreach (var product in products)
        {
            var code = product.Slug.ToUpperInvariant();
            var sizes = product.Category.Slug switch
            {
                "tops" => new[] { "S", "M", "L", "XL" },
                "shoes" => new[] { "40", "41", "42", "43", "44" },
                _ => [],
            };
            var skus = sizes.Length == 0
                ? [new Sku(code, product.Id, [], product.Price, null, onHand: 25, weightGrams: 1000)]
                : sizes.Select(size => new Sku($"{code}-{size}", product.Id, new() { ["size"] = size }, product.Price, null, onHand: 25, weightGrams: 600));
            db.Skus.AddRange(skus);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task SeedProductsAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var clothing = new Category("Clothing", "clothing", sortOrder: 1);
        var home = new Category("Home & Kitchen", "home-kitchen", sortOrder: 2);
        var outdoor = new Category("Outdoor", "outdoor", sortOrder: 3);
        db.Categories.AddRange(clothing, home, outdoor);
        await db.SaveChangesAsync(cancellationToken);

        var tops = new Category("Tops", "tops", clothing.Id, 1);
        var shoes = new Category("Shoes", "shoes", clothing.Id, 2);
        var cookware = new Category("Cookware", "cookware", home.Id, 1);
        var camping = new Category("Camping", "camping", outdoor.Id, 1);
        db.Categories.AddRange(tops, shoes, cookware, camping);

        var northwind = new Brand("Northwind", "northwind");
        var fjord = new Brand("Fjord & Co", "fjord-co");
        var ember = new Brand("Ember", "ember");
        db.Brands.AddRange(northwind, fjord, ember);

        Product[] products =
        [
            new("Merino Crew T-Shirt", "merino-crew-t-shirt", "A soft merino wool tee that keeps you cool and does not hold odours.", tops, fjord, Money.Of(4900, Currency)),
            new("Organic Cotton Hoodie", "organic-cotton-hoodie", "Heavyweight organic cotton hoodie with a brushed inside.", tops, northwind, Money.Of(7900, Currency)),
            new("Trail Running Shoes", "trail-running-shoes", "Grippy, light trail shoes with a rock plate.", shoes, northwind, Money.Of(12900, Currency)),
            new("Leather Chelsea Boots", "leather-chelsea-boots", "Full-grain leather boots with a resoleable sole.", shoes, fjord, Money.Of(18900, Currency)),
            new("Cast Iron Skillet 26 cm", "cast-iron-skillet-26", "Pre-seasoned cast iron skillet for stove, oven and fire.", cookware, ember, Money.Of(5900, Currency)),
            new("Stainless Saucepan 2 l", "stainless-saucepan-2l", "Tri-ply stainless steel saucepan with a glass lid.", cookware, ember, Money.Of(6900, Currency)),
            new("Two-Person Tent", "two-person-tent", "A 1.9 kg freestanding tent for three seasons.", camping, northwind, Money.Of(29900, Currency)),
            new("Down Sleeping Bag", "down-sleeping-bag", "750-fill down sleeping bag rated to -5 °C.", camping, fjord, Money.Of(24900, Currency)),
        ];
        foreach (var product in products)
        {
            product.Publish();
        }

        db.Products.AddRange(products);
        await db.SaveChangesAsync(cancellationToken);
    }
}
