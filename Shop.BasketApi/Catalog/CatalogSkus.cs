namespace Shop.BasketApi.Catalog;

/// <summary>What the catalog says about a SKU right now; the basket shows this, never what a client sent.</summary>
public sealed record SkuInfo(
    string Sku,
    Guid ProductId,
    string ProductName,
    string? ImageUrl,
    long Price,
    string Currency,
    int Available,
    bool IsPublished);

public interface ICatalogSkus
{
    /// <summary>The SKUs the catalog knows, by code; unknown codes are missing from the result.</summary>
    Task<IReadOnlyDictionary<string, SkuInfo>> GetAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken);
}

/// <summary>Asks the catalog service over HTTP (service discovery, standard resilience).</summary>
public sealed class HttpCatalogSkus(HttpClient http) : ICatalogSkus
{
    public async Task<IReadOnlyDictionary<string, SkuInfo>> GetAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        if (skus.Count == 0)
        {
            return new Dictionary<string, SkuInfo>();
        }

        var query = string.Join("&", skus.Distinct().Select(s => "codes=" + Uri.EscapeDataString(s)));
        var found = await http.GetFromJsonAsync<List<SkuInfo>>($"/api/skus?{query}", cancellationToken) ?? [];
        return found.ToDictionary(s => s.Sku, StringComparer.Ordinal);
    }
}
