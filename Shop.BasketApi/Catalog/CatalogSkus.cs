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
    /// The SKUs as the catalog has them this moment, in the order asked; null where the catalog has no such SKU on
    /// sale (it answers shoppers, and so the basket, only about SKUs of published products). For what must hold
    /// exactly: checkout's reading of a basket, a merge, and confirming a refusal.
    /// </summary>
    Task<SkuInfo?[]> GetAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken);

    /// <summary>
    /// The same, from recent answers where there are some (see <see cref="SkuSnapshots"/>): for showing a basket
    /// and accepting changes to it, a preview that checkout checks again.
    /// </summary>
    /// <remarks>
    /// A value task of an array in the order asked: on the hot paths every SKU is usually known, and then nothing is
    /// awaited and nothing but the array is allocated (a dictionary per request was about 4 % of the service's allocations).
    /// </remarks>
    ValueTask<SkuInfo?[]> GetRecentAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken);
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

    /// <summary>Codes the catalog answers about in one call (its <c>/api/skus</c> limit).</summary>
    private const int CatalogLookupLimit = 100;

    public async Task<SkuInfo?[]> GetAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var found = new SkuInfo?[skus.Count];
        await AskCatalogAsync(skus, found, cancellationToken);
        return found;
    }

    public ValueTask<SkuInfo?[]> GetRecentAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var found = new SkuInfo?[skus.Count];
        var missing = false;
        List<string>? renew = null;
        for (var i = 0; i < found.Length; i++)
        {
            if (snapshots.TryGet(skus[i], out var info, out var due))
            {
                found[i] = info;
                if (due)
                {
                    (renew ??= []).Add(skus[i]);
                }
            }
            else
            {
                missing = true;
            }
        }

        if (renew is not null)
        {
            RenewInBackground(renew);
        }

        return missing ? new(AskForMissingAsync(skus, found, cancellationToken)) : new(found);
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
                    await AskCatalogAsync(skus, new SkuInfo?[skus.Count], CancellationToken.None);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Renewing the catalog's answers about {Skus} failed; they expire as they were.", skus);
                }
            });
        }
    }

    /// <summary>Asks the catalog about the SKUs without a kept answer and fills them in.</summary>
    private async Task<SkuInfo?[]> AskForMissingAsync(IReadOnlyList<string> skus, SkuInfo?[] found, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        for (var i = 0; i < found.Length; i++)
        {
            if (found[i] is null)
            {
                missing.Add(skus[i]);
            }
        }

        var asked = new SkuInfo?[missing.Count];
        await AskCatalogAsync(missing, asked, cancellationToken);
        for (int i = 0, j = 0; i < found.Length; i++)
        {
            if (found[i] is null)
            {
                found[i] = asked[j++];
            }
        }

        return found;
    }

    /// <summary>
    /// Fills <paramref name="found"/> with the catalog's answers, in the order of <paramref name="skus"/>, and keeps
    /// them. A SKU left out of the answer is not on sale (or not there): what was kept about it goes, so a renewal
    /// or an exact read does not leave an answer that still says it is on sale.
    /// </summary>
    private async Task AskCatalogAsync(IReadOnlyList<string> skus, SkuInfo?[] found, CancellationToken cancellationToken)
    {
        if (skus.Count == 0)
        {
            return;
        }

        var mark = snapshots.Mark();
        var answer = new List<SkuInfo>();
        foreach (var batch in skus.Distinct().Chunk(CatalogLookupLimit))
        {
            var query = string.Join("&", batch.Select(s => "codes=" + Uri.EscapeDataString(s)));
            answer.AddRange(await clients.CreateClient(ClientName).GetFromJsonAsync($"/api/skus?{query}", CatalogJson.Default.ListSkuInfo, cancellationToken) ?? []);
        }

        foreach (var sku in answer)
        {
            for (var i = 0; i < skus.Count; i++)
            {
                if (skus[i] == sku.Sku)
                {
                    found[i] = sku;
                }
            }

            snapshots.Keep(sku, mark);
        }

        for (var i = 0; i < skus.Count; i++)
        {
            if (found[i] is null)
            {
                snapshots.Drop(skus[i]);
            }
        }
    }
}

/// <summary>The catalog's SKU answers, read without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<SkuInfo>))]
internal sealed partial class CatalogJson : JsonSerializerContext;
