using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;

namespace Shop.Tests.Integration.Search;

/// <summary>
/// Products for search tests, written through the catalog's data layer with a <see cref="ProductChanged"/> event in
/// its outbox (as the catalog's own writes do), so they reach the index through the event bus.
/// </summary>
public static class SearchTestData
{
    /// <summary>
    /// A made-up word, unique to one test, so tests never see each other's products. Consonants only (16 of them, one
    /// per hex digit), so no word of the demo catalog is within a typo's reach of it or of its prefixes.
    /// </summary>
    public static string Word(int length = 8) =>
        new(Guid.NewGuid().ToString("N").Take(length).Select(c => WordLetters[Convert.ToInt32(c.ToString(), 16)]).ToArray());

    private const string WordLetters = "bcdfghjklmnpqtvx";

    /// <summary>A category under <paramref name="parent"/>, or else under the first department (so the storefront's menu does not grow).</summary>
    public static async Task<Category> AddCategoryAsync(ShopAppFixture shop, string name, Category? parent = null)
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        var parentId = parent?.Id ?? await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
        var category = new Category(name, $"{name.ToLowerInvariant().Replace(' ', '-')}-{Word(6)}", parentId);
        db.Categories.Add(category);
        await db.SaveChangesAsync();
        return category;
    }

    public static async Task<Brand> AddBrandAsync(ShopAppFixture shop, string name)
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        var brand = new Brand(name, $"{name.ToLowerInvariant().Replace(' ', '-')}-{Word(6)}");
        db.Brands.Add(brand);
        await db.SaveChangesAsync();
        return brand;
    }

    public static async Task<Guid> AddProductAsync(
        ShopAppFixture shop, string name, string description = "Made for a search test.", Category? category = null,
        Brand? brand = null, long price = 1999, int onHand = 5, bool publish = true, bool announce = true)
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        var productCategory = category is null ? await db.Categories.FirstAsync() : await db.Categories.SingleAsync(c => c.Id == category.Id);
        var productBrand = brand is null ? await db.Brands.FirstAsync() : await db.Brands.SingleAsync(b => b.Id == brand.Id);
        var slug = $"search-test-{Guid.NewGuid():N}";
        var product = new Product(name, slug, description, productCategory, productBrand, Money.Of(price, "EUR"));
        if (publish)
        {
            product.Publish();
        }

        db.Products.Add(product);
        db.Skus.Add(new Sku(slug.ToUpperInvariant(), product.Id, [], Money.Of(price, "EUR"), null, onHand, weightGrams: 500));
        if (announce)
        {
            db.AddIntegrationEvent(new ProductChanged(product.Id));
        }

        await db.SaveChangesAsync();
        return product.Id;
    }

    public static async Task AnnounceAsync(ShopAppFixture shop, Guid productId, Action<Product> change)
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        var product = await db.Products.SingleAsync(p => p.Id == productId);
        change(product);
        db.AddIntegrationEvent(new ProductChanged(productId));
        await db.SaveChangesAsync();
    }

    public static async Task DeleteAsync(ShopAppFixture shop, Guid productId)
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        await db.Products.Where(p => p.Id == productId).ExecuteDeleteAsync();
        db.AddIntegrationEvent(new ProductChanged(productId));
        await db.SaveChangesAsync();
    }

    public static async Task<JsonElement> SearchAsync(HttpClient client, string queryString) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/search?{queryString}");

    /// <summary>Searches until the expected number of results shows (indexing follows the catalog by events).</summary>
    public static Task<JsonElement> SearchUntilAsync(HttpClient client, string queryString, long total) =>
        Eventually.WaitForAsync(() => SearchAsync(client, queryString), r => r.GetProperty("total").GetInt64() == total);

    public static IReadOnlyList<string> Names(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();

    public static Dictionary<string, long> Facet(JsonElement result, string facet) =>
        result.GetProperty("facets").GetProperty(facet).EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());

    /// <summary>The facet's counts for these categories (the department above them is counted too, and left out here).</summary>
    public static Dictionary<string, long> Facet(JsonElement result, string facet, params Category[] categories) =>
        Facet(result, facet).Where(f => categories.Any(c => c.Slug == f.Key)).ToDictionary();
}
