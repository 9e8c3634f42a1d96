using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Polly;
using Shop.WebApp.Api;

namespace Shop.WebApp.Catalog;

/// <summary>
/// The catalog API as the storefront's pages read it. A page should still render when the catalog is down, so a
/// failed call is logged and answered with <c>null</c> rather than thrown.
/// </summary>
public sealed partial class CatalogClient(HttpClient http, IMemoryCache cache, ILogger<CatalogClient> logger)
{
    /// <summary>
    /// Every page's header shows the departments, and category pages look their category up: the tree is kept for a
    /// few seconds rather than asked for twice per page. A category page that does not find its slug asks afresh.
    /// </summary>
    private static readonly TimeSpan CategoryTreeLifetime = TimeSpan.FromSeconds(30);

    private static readonly string[] ClothingSizes = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "3XL"];

    public async Task<IReadOnlyList<CategoryNode>?> GetCategoriesAsync(CancellationToken cancellationToken, bool fresh = false)
    {
        const string key = "catalog:category-tree";
        if (!fresh && cache.TryGetValue(key, out IReadOnlyList<CategoryNode>? cached))
        {
            return cached;
        }

        var categories = await GetAsync<IReadOnlyList<CategoryNode>>("/api/categories", cancellationToken);
        if (categories is not null)
        {
            cache.Set(key, categories, CategoryTreeLifetime);
        }

        return categories;
    }

    public Task<IReadOnlyList<Brand>?> GetBrandsAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<Brand>>("/api/brands", cancellationToken);

    /// <summary>The API lists products newest first, so the first page is the newest.</summary>
    public async Task<IReadOnlyList<ProductSummary>?> GetNewestProductsAsync(int count, CancellationToken cancellationToken)
    {
        var page = await GetAsync<ProductPage>($"/api/products?page=1&pageSize={count}", cancellationToken);
        return page?.Items;
    }

    /// <summary>Ranked, filtered search (words optional: a category page is a search without words), with facet counts.</summary>
    public Task<SearchPage?> SearchAsync(ProductQuery query, CancellationToken cancellationToken) =>
        GetAsync<SearchPage>("/api/search" + query.ToApiQuery(), cancellationToken);

    /// <summary>One page of every published product, for the sitemap.</summary>
    public Task<ProductPage?> ListAllProductsAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<ProductPage>($"/api/products?page={page}&pageSize={pageSize}", cancellationToken);

    /// <summary>A product with its variants in the order a shopper expects: clothing sizes small to large, then by code.</summary>
    public async Task<ProductDetail?> GetProductAsync(string slug, CancellationToken cancellationToken)
    {
        var product = await GetAsync<ProductDetail>($"/api/products/{Uri.EscapeDataString(slug)}", cancellationToken);
        return product is null ? null : product with
        {
            Variants = product.Variants
                .OrderBy(v => v.Options.TryGetValue("size", out var size) ? Array.IndexOf(ClothingSizes, size) : -1)
                .ThenBy(v => v.Sku, StringComparer.Ordinal).ToList(),
        };
    }

    private async Task<T?> GetAsync<T>(string uri, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        // ExecutionRejectedException: the resilience handler gave up (timeout, open circuit).
        catch (Exception exception) when (exception is HttpRequestException or ExecutionRejectedException or JsonException)
        {
            LogUnavailable(logger, uri, exception);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalog API did not answer {Uri}")]
    private static partial void LogUnavailable(ILogger logger, string uri, Exception exception);
}
