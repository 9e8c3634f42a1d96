using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Catalog;

/// <summary>Arranges products and stock in the catalog's database through its own domain and data layer.</summary>
public static class CatalogTestData
{
    public static async Task<CatalogDbContext> OpenAsync(ShopAppFixture shop) =>
        new(new DbContextOptionsBuilder<CatalogDbContext>().UseNpgsql(await shop.ConnectionStringAsync("catalogdb")).Options);

    /// <summary>A published product with one SKU of its own, with <paramref name="onHand"/> in stock.</summary>
    public static async Task<string> AddSkuAsync(ShopAppFixture shop, int onHand, long price = 1999, int weightGrams = 500, string currency = "EUR") =>
        (await AddSkusAsync(shop, 1, onHand, price, weightGrams, currency)).Single();

    /// <summary>A published product with <paramref name="count"/> SKUs, each with <paramref name="onHand"/> in stock.</summary>
    public static async Task<IReadOnlyList<string>> AddSkusAsync(ShopAppFixture shop, int count, int onHand, long price = 1999, int weightGrams = 500, string currency = "EUR")
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        await using var db = await OpenAsync(shop);
        var category = await db.Categories.FirstAsync();
        var brand = await db.Brands.FirstAsync();
        var product = new Product($"Test product {tag}", $"test-{tag}", "Made for a test.", category, brand, Money.Of(price, currency));
        product.Publish();
        db.Products.Add(product);
        var codes = Enumerable.Range(0, count).Select(i => count == 1 ? $"TEST-{tag}".ToUpperInvariant() : $"TEST-{tag}-{i}".ToUpperInvariant()).ToList();
        db.Skus.AddRange(codes.Select(code => new Sku(code, product.Id, [], Money.Of(price, currency), null, onHand, weightGrams)));
        await db.SaveChangesAsync();
        return codes;
    }

    /// <summary>Staff re-price the SKU's product (and so the SKU) in <paramref name="currency"/>, as the product's edit does.</summary>
    public static async Task RepriceAsync(ShopAppFixture shop, string code, string currency)
    {
        await using var db = await OpenAsync(shop);
        var sku = await db.Skus.SingleAsync(s => s.Code == code);
        var product = await db.Products.Include(p => p.Skus).Include(p => p.Category).Include(p => p.Brand).SingleAsync(p => p.Id == sku.ProductId);
        product.Update(product.Name, product.Slug, product.Description, product.Category, product.Brand,
            Money.Of(product.Price.Amount, currency), product.CompareAtPrice, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    public static async Task<Sku> SkuAsync(ShopAppFixture shop, string code)
    {
        await using var db = await OpenAsync(shop);
        return await db.Skus.AsNoTracking().SingleAsync(s => s.Code == code);
    }

    /// <summary>The SKU once <paramref name="until"/> holds, or as it is after a few seconds.</summary>
    public static Task<Sku> WaitForAsync(ShopAppFixture shop, string code, Func<Sku, bool> until) =>
        Eventually.WaitForAsync(() => SkuAsync(shop, code), until);
}
