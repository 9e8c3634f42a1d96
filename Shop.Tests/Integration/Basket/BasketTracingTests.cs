using System.Diagnostics;
using Microsoft.Extensions.Options;
using Shop.BasketApi.Baskets;
using Shop.Tests.Infrastructure;
using StackExchange.Redis;

namespace Shop.Tests.Integration.Basket;

/// <summary>The basket service's Redis commands are spans of recorded traces, and cost nothing in the others.</summary>
[Collection(ShopCollection.Name)]
public sealed class BasketTracingTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARecordedBasketReadShowsItsRedisCommandInItsTrace()
    {
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/baskets/{basketId}");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request, Cancellation);
        response.EnsureSuccessStatusCode();

        var spans = await Eventually.WaitForAsync(
            () => Task.FromResult(shop.Traces.Spans.Where(s => s.TraceId == traceId && s.ServiceName == "basket-api").Select(s => s.Name).ToList()),
            names => names.Contains("redis GET"), TimeSpan.FromSeconds(30));
        Assert.Contains("redis GET", spans);
    }

    [Fact]
    public async Task TheStoreMakesRedisSpansUnderARecordedParentAndNoneUnderAnUnrecordedOne()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await shop.ConnectionStringAsync("redis"));
        var store = new BasketStore(redis, Options.Create(new BasketSettings()), TimeProvider.System);
        var started = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BasketStore.TracingSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
            ActivityStarted = started.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var requests = new ActivitySource(nameof(BasketTracingTests));
        using var requestListener = new ActivityListener
        {
            ShouldListenTo = source => source == requests,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(requestListener);

        using (var unrecorded = requests.StartActivity("unrecorded request"))
        {
            Assert.False(unrecorded!.Recorded);
            await store.CreateGuestBasketAsync();
        }

        Assert.Empty(started);

        using (var recorded = requests.StartActivity("recorded request"))
        {
            recorded!.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
            var basket = await store.CreateGuestBasketAsync();
            await store.FindAsync(store.Guest(basket.Id));
        }

        Assert.Equal(["redis SET", "redis GET"], started.Select(a => a.DisplayName));
        Assert.All(started, span => Assert.Equal("redis", span.GetTagItem("db.system.name")));
    }
}
