using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Shop.ServiceDefaults;

namespace Shop.WebApp.Catalog;

/// <summary>
/// The catalog API as the storefront's pages read it. A page should still render when the catalog is down, so a
/// failed call is logged and answered with <c>null</c> rather than thrown.
/// </summary>
public sealed partial class CatalogClient(HttpClient http, ILogger<CatalogClient> logger)
{
    public Task<IReadOnlyList<CategoryNode>?> GetCategoriesAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<CategoryNode>>("/api/categories", cancellationToken);

    /// <summary>The API lists products newest first, so the first page is the newest.</summary>
    public async Task<IReadOnlyList<ProductSummary>?> GetNewestProductsAsync(int count, CancellationToken cancellationToken)
    {
        var page = await GetAsync<PagedResponse<ProductSummary>>($"/api/products?page=1&pageSize={count}", cancellationToken);
        return page?.Items;
    }

    private async Task<T?> GetAsync<T>(string uri, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await http.GetFromJsonAsync<T>(uri, cancellationToken);
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
