using System.Diagnostics;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Catalog;

/// <summary>The catalog cache's Redis commands are spans of recorded traces (the Redis integration's tracing is off).</summary>
[Collection(ShopCollection.Name)]
public sealed class ProductCacheTracingTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARecordedProductReadShowsItsRedisCommandsInItsTrace()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation);
        using var shopper = shop.CreateStorefrontClient();

        // The first read misses (GET, TIME, the store script), a later one is served by a GET alone.
        var traceIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/products/staff-tee-{tag}");
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var response = await shopper.SendAsync(request, Cancellation);
            response.EnsureSuccessStatusCode();
            traceIds.Add(traceId);
        }

        var spans = await Eventually.WaitForAsync(
            () => Task.FromResult(shop.Traces.Spans.Where(s => traceIds.Contains(s.TraceId) && s.ServiceName == "catalog-api").Select(s => s.Name).ToList()),
            names => names.Contains("redis EVALSHA") && names.Count(n => n == "redis GET") >= 2, TimeSpan.FromSeconds(30));
        Assert.Contains("redis TIME", spans);
        Assert.Contains("redis EVALSHA", spans);
        Assert.True(spans.Count(n => n == "redis GET") >= 2);
    }
}
