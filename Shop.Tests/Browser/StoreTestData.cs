using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;

namespace Shop.Tests.Browser;

/// <summary>A product of this test's own, findable by a word nobody else uses, with a variant per size.</summary>
public sealed record TestProduct(string Name, string Slug, string Word, string CategorySlug, string BrandSlug, IReadOnlyList<string> Skus);

public static class StoreTestData
{
    /// <summary>
    /// A published product with one variant per size, in <paramref name="categorySlug"/> or else in a new category
    /// of its own (under the first department, so the storefront's menu does not grow).
    /// </summary>
    public static async Task<TestProduct> AddProductWithSizesAsync(
        ShopAppFixture shop, long price = 3500, int onHand = 20, string? categorySlug = null, params string[] sizes)
    {
        sizes = sizes.Length == 0 ? ["S", "M"] : sizes;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var word = "Zephyr" + tag;
        await using var db = await CatalogTestData.OpenAsync(shop);
        var category = categorySlug is null ? null : await db.Categories.SingleAsync(c => c.Slug == categorySlug);
        if (category is null)
        {
            var department = await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.SortOrder).FirstAsync();
            category = new Category($"Test shirts {tag}", $"test-shirts-{tag}", department.Id);
            db.Categories.Add(category);
        }

        var brand = await db.Brands.OrderBy(b => b.Id).FirstAsync();
        var product = new Product($"{word} Linen Shirt", $"linen-shirt-{tag}", "A breathable linen shirt, made for a browser test.",
            category, brand, Money.Of(price, "EUR"));
        product.Publish();
        db.Products.Add(product);
        var skus = sizes.Select(size => new Sku($"LINEN-{tag}-{size}".ToUpperInvariant(), product.Id, new() { ["size"] = size },
            Money.Of(price, "EUR"), null, onHand, weightGrams: 300)).ToList();
        db.Skus.AddRange(skus);
        // As the catalog's own writes do, so search indexes the product; the test starts once it is findable.
        db.AddIntegrationEvent(new ProductChanged(product.Id));
        await db.SaveChangesAsync();
        using var storefront = shop.CreateStorefrontClient();
        await Eventually.WaitForAsync(
            () => storefront.GetFromJsonAsync<JsonElement>($"/api/search?q={word}"),
            result => result.GetProperty("total").GetInt64() > 0, TimeSpan.FromSeconds(30));
        return new TestProduct(product.Name, product.Slug, word, category.Slug, brand.Slug, skus.Select(s => s.Code).ToList());
    }

    /// <summary>A brand the test products are not of.</summary>
    public static async Task<string> OtherBrandSlugAsync(ShopAppFixture shop, TestProduct product)
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        return await db.Brands.Where(b => b.Slug != product.BrandSlug).Select(b => b.Slug).FirstAsync();
    }
}
