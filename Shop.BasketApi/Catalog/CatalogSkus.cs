using System.Text.Json;
using System.Text.Json.Serialization;

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
    bool IsPublished,
    int WeightGrams);

public interface ICatalogSkus
{
    /// <summary>
    /// The SKUs as the catalog has them this moment, by code; unknown codes are missing from the result. For what
    /// must hold exactly: checkout's reading of a basket, a merge, and confirming a refusal.
    /// </summary>
    Task<IReadOnlyDictionary<string, SkuInfo>> GetAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken);

    /// <summary>
    /// The same, from recent answers where there are some (see <see cref="SkuSnapshots"/>): for showing a basket
    /// and accepting changes to it, a preview that checkout checks again.
    /// </summary>
    /// <remarks>A value task: on the hot paths every SKU is usually known, and then nothing is awaited.</remarks>
    ValueTask<IReadOnlyDictionary<string, SkuInfo>> GetRecentAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken);
}

/// <summary>
/// Asks the catalog service over HTTP (service discovery, standard resilience) and keeps its answers for a while.
/// A singleton that makes its client only when it asks: most basket reads are answered from the snapshots, and a
/// typed client would cost every request a new HttpClient and its handler lookup.
/// </summary>
public sealed class HttpCatalogSkus(IHttpClientFactory clients, SkuSnapshots snapshots, ILogger<HttpCatalogSkus> logger) : ICatalogSkus
{
    /// <summary>The named HTTP client configured for the catalog service.</summary>
    public const string ClientName = "catalog";

    public async Task<IReadOnlyDictionary<string, SkuInfo>> GetAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, SkuInfo>(skus.Count, StringComparer.Ordinal);
        await AskCatalogAsync(skus, found, cancellationToken);
        return found;
    }

    public ValueTask<IReadOnlyDictionary<string, SkuInfo>> GetRecentAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, SkuInfo>(skus.Count, StringComparer.Ordinal);
        List<string>? missing = null;
        List<string>? renew = null;
        foreach (var sku in skus)
        {
            if (snapshots.TryGet(sku, out var info, out var due))
            {
                found[sku] = info;
                if (due)
                {
                    (renew ??= []).Add(sku);
                }
            }
            else
            {
                (missing ??= []).Add(sku);
            }
        }

        if (renew is not null)
        {
            RenewInBackground(renew);
        }

        return missing is null ? new(found) : new(AskThenAsync(missing, found, cancellationToken));
    }

    /// <summary>
    /// Asks the catalog again about SKUs whose answers are near their end, without holding up the request that
    /// noticed: it is answered from the kept answer, which is still within its lifetime. A failure only means the
    /// answer expires as it would have, and the next request asks the catalog itself.
    /// </summary>
    private void RenewInBackground(List<string> skus)
    {
        // Not part of the request: neither its trace nor its cancellation.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await AskCatalogAsync(skus, new Dictionary<string, SkuInfo>(skus.Count, StringComparer.Ordinal), CancellationToken.None);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Renewing the catalog's answers about {Skus} failed; they expire as they were.", skus);
                }
            });
        }
    }

    private async Task<IReadOnlyDictionary<string, SkuInfo>> AskThenAsync(List<string> missing, Dictionary<string, SkuInfo> found, CancellationToken cancellationToken)
    {
        await AskCatalogAsync(missing, found, cancellationToken);
        return found;
    }

    private async Task AskCatalogAsync(IReadOnlyCollection<string> skus, Dictionary<string, SkuInfo> found, CancellationToken cancellationToken)
    {
        if (skus.Count == 0)
        {
            return;
        }

        var mark = snapshots.Mark();
        var query = string.Join("&", skus.Distinct().Select(s => "codes=" + Uri.EscapeDataString(s)));
        var answer = await clients.CreateClient(ClientName).GetFromJsonAsync($"/api/skus?{query}", CatalogJson.Default.ListSkuInfo, cancellationToken) ?? [];
        foreach (var sku in answer)
        {
            found[sku.Sku] = sku;
            snapshots.Keep(sku, mark);
        }
    }
}

/// <summary>The catalog's SKU answers, read without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<SkuInfo>))]
internal sealed partial class CatalogJson : JsonSerializerContext;
