using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;

namespace Shop.Tests.Browser;

/// <summary>A product of this test's own, findable by a word nobody else uses, with a variant per size.</summary>
public sealed record TestProduct(string Name, string Slug, string Word, IReadOnlyList<string> Skus);

public static class StoreTestData
{
    public static async Task<TestProduct> AddProductWithSizesAsync(ShopAppFixture shop, long price = 3500, int onHand = 20, params string[] sizes)
    {
        sizes = sizes.Length == 0 ? ["S", "M"] : sizes;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var word = "Zephyr" + tag;
        await using var db = await CatalogTestData.OpenAsync(shop);
        var category = await db.Categories.SingleAsync(c => c.Slug == "tops");
        var brand = await db.Brands.FirstAsync();
        var product = new Product($"{word} Linen Shirt", $"linen-shirt-{tag}", "A breathable linen shirt, made for a browser test.",
            category, brand, Money.Of(price, "EUR"));
        product.Publish();
        db.Products.Add(product);
        var skus = sizes.Select(size => new Sku($"LINEN-{tag}-{size}".ToUpperInvariant(), product.Id, new() { ["size"] = size },
            Money.Of(price, "EUR"), null, onHand, weightGrams: 300)).ToList();
        db.Skus.AddRange(skus);
        await db.SaveChangesAsync();
        return new TestProduct(product.Name, product.Slug, word, skus.Select(s => s.Code).ToList());
    }
}
