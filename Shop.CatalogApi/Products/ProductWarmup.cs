using System.Net.Http.Json;
using Shop.CatalogApi.Brands;
using Shop.CatalogApi.Categories;

namespace Shop.CatalogApi.Products;

/// <summary>
/// The catalog's startup warm-up round (see <see cref="ServiceDefaults.StartupWarmupExtensions"/>): what the storefront
/// asks most, through the real endpoints. The category tree and brands; a category's listing in every order, then in
/// one of them its second page, under a price range and under a brand with availability (the counted and the sparse
/// paths); then the pages of the first products listed. Each round takes the next category, so the rounds together
/// cover the categories (as many as there are rounds), whatever the catalog holds.
/// </summary>
public static class ProductWarmup
{
    public static async Task RoundAsync(HttpClient client, int round, CancellationToken ct)
    {
        var tree = await client.GetFromJsonAsync<List<CategoryNode>>("/api/categories", ct) ?? [];
        var brands = await client.GetFromJsonAsync<List<BrandResponse>>("/api/brands", ct) ?? [];
        var categories = tree.SelectMany(c => c.Children.Prepend(c)).ToList();
        if (categories.Count == 0)
        {
            return;
        }

        // The category's page in every order: each order (and each category's number of sub-categories) is a query of
        // its own, which the first listing of it translates and compiles.
        var category = $"/api/products?category={Uri.EscapeDataString(categories[round % categories.Count].Slug)}";
        var page = await client.GetFromJsonAsync<Listed>($"{category}&sort={ProductSort.Newest}", ct);
        foreach (var sort in ProductSort.All.Where(sort => sort != ProductSort.Newest))
        {
            await client.GetStringAsync($"{category}&sort={sort}", ct);
        }

        var listing = $"{category}&sort={ProductSort.All[round % ProductSort.All.Length]}";
        await client.GetStringAsync($"{listing}&page=2", ct);
        await client.GetStringAsync($"{listing}&minPrice=5000&maxPrice=9999", ct);
        if (brands.Count > 0)
        {
            await client.GetStringAsync($"{listing}&brand={Uri.EscapeDataString(brands[round % brands.Count].Slug)}&inStock=true", ct);
        }

        foreach (var product in page?.Items.Take(3) ?? [])
        {
            await client.GetStringAsync($"/api/products/{Uri.EscapeDataString(product.Slug)}", ct);
        }
    }

    private sealed record Listed(IReadOnlyList<ListedProduct> Items);

    private sealed record ListedProduct(string Slug);
}
