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
    public static async Task<string> AddSkuAsync(ShopAppFixture shop, int onHand, long price = 1999, int weightGrams = 500)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        await using var db = await OpenAsync(shop);
        var category = await db.Categories.FirstAsync();
        var brand = await db.Brands.FirstAsync();
        var product = new Product($"Test product {tag}", $"test-{tag}", "Made for a test.", category, brand, Money.Of(price, "EUR"));
        product.Publish();
        db.Products.Add(product);
        var code = $"TEST-{tag}".ToUpperInvariant();
        db.Skus.Add(new Sku(code, product.Id, [], Money.Of(price, "EUR"), null, onHand, weightGrams));
        await db.SaveChangesAsync();
        return code;
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
