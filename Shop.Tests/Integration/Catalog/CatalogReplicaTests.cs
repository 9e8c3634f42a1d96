using System.Diagnostics;
using System.Net.Http.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Basket;

namespace Shop.Tests.Integration.Catalog;

/// <summary>
/// The catalog runs as two replicas, and its callers spread their requests over both: the storefront's proxy and the
/// other services' HTTP clients, each from the service's several addresses (no proxy of the orchestrator in front).
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class CatalogReplicaTests(ShopAppFixture shop)
{
    private const int Requests = 12;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProductReadsThroughTheStorefrontReachBothReplicas()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        using var shopper = shop.CreateStorefrontClient();

        var traceIds = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            using var response = await shopper.SendAsync(Recorded(HttpMethod.Get, $"/api/products/{id}", traceIds), Cancellation);
            response.EnsureSuccessStatusCode();
        }

        Assert.Equal(2, (await CatalogInstancesAsync(traceIds)).Count);
    }

    [Fact]
    public async Task TheBasketServicesCatalogCallsReachBothReplicas()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);
        (await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation)).EnsureSuccessStatusCode();

        var traceIds = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            // A read without the cache asks the catalog for the line's price and stock this moment.
            using var request = Recorded(HttpMethod.Get, $"/api/baskets/{basketId}", traceIds);
            request.Headers.CacheControl = new() { NoCache = true };
            using var response = await client.SendAsync(request, Cancellation);
            response.EnsureSuccessStatusCode();
        }

        Assert.Equal(2, (await CatalogInstancesAsync(traceIds)).Count);
    }

    private static HttpRequestMessage Recorded(HttpMethod method, string path, List<string> traceIds)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        traceIds.Add(traceId);
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return request;
    }

    /// <summary>The catalog instances that recorded spans of these traces, once every trace has reached the catalog.</summary>
    private async Task<HashSet<string>> CatalogInstancesAsync(List<string> traceIds)
    {
        var spans = await Eventually.WaitForAsync(
            () => Task.FromResult(shop.Traces.Spans.Where(s => traceIds.Contains(s.TraceId) && s.ServiceName == "catalog-api").ToList()),
            found => found.Select(s => s.TraceId).Distinct().Count() == traceIds.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(traceIds.Count, spans.Select(s => s.TraceId).Distinct().Count());
        Assert.DoesNotContain(spans, s => s.ServiceInstanceId.Length == 0);
        return spans.Select(s => s.ServiceInstanceId).ToHashSet();
    }
}
