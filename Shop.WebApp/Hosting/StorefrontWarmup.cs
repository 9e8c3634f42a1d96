using Shop.WebApp.Catalog;

namespace Shop.WebApp.Hosting;

/// <summary>
/// The storefront's startup warm-up round (see <see cref="ServiceDefaults.StartupWarmupExtensions"/>): the proxy's
/// hot paths (the category tree, a category listing, product pages, through to the catalog, which is warm by then)
/// and the pages a visitor lands on (home, a category, a product). Each round takes the next category, so the pages
/// rendered are not all served from the output cache.
/// </summary>
public static class StorefrontWarmup
{
    public static async Task RoundAsync(HttpClient client, int round, CancellationToken ct)
    {
        var tree = await client.GetFromJsonAsync<List<CategoryNode>>("/api/categories", ct) ?? [];
        var categories = tree.SelectMany(c => c.Children.Prepend(c)).ToList();
        await client.GetStringAsync("/", ct);
        if (categories.Count == 0)
        {
            return;
        }

        var category = Uri.EscapeDataString(categories[round % categories.Count].Slug);
        var page = await client.GetFromJsonAsync<Listed>($"/api/products?category={category}&sort={ProductQuery.Sorts[round % ProductQuery.Sorts.Count].Value}", ct);
        await client.GetStringAsync($"/c/{category}", ct);
        foreach (var product in page?.Items.Take(2) ?? [])
        {
            await client.GetStringAsync($"/api/products/{Uri.EscapeDataString(product.Slug)}", ct);
        }

        if (page?.Items.FirstOrDefault() is { } first)
        {
            await client.GetStringAsync($"/p/{Uri.EscapeDataString(first.Slug)}", ct);
        }
    }

    private sealed record Listed(IReadOnlyList<ListedProduct> Items);

    private sealed record ListedProduct(string Slug);
}
