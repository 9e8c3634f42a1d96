using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.AppHost.Local;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using StackExchange.Redis;

namespace Shop.Tests.Integration.Basket;

/// <summary>Baskets when time passes and when Redis goes away.</summary>
[Collection(ShopCollection.Name)]
public sealed class BasketResilienceTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGuestBasketExpiresAfterItsTimeToLiveWithoutChangesAndEachChangeRestartsTheClock()
    {
        var ttl = ShopAppFixture.GuestBasketTimeToLive;
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);

        await Task.Delay(ttl * 0.6, Cancellation);
        using var changed = await client.PutAsJsonAsync($"/api/baskets/{basketId}/items/{sku}", new { quantity = 2 }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await Task.Delay(ttl * 0.6, Cancellation);

        // Older than the time to live, but changed within it: still there.
        using var kept = await client.GetAsync($"/api/baskets/{basketId}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var gone = await Eventually.WaitForAsync(async () =>
        {
            using var response = await client.GetAsync($"/api/baskets/{basketId}", Cancellation);
            return response.StatusCode;
        }, status => status == HttpStatusCode.NotFound, ttl);
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Fact]
    public async Task WhileRedisIsDownBasketCallsAre503ProblemsAndTheyRecoverByThemselves()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 2 }, Cancellation);
        var commands = shop.App.Services.GetRequiredService<ResourceCommandService>();

        await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StopCommand, Cancellation);
        try
        {
            await shop.App.ResourceNotifications.WaitForResourceAsync("redis", KnownResourceStates.TerminalStates, Cancellation);

            using var read = await client.GetAsync($"/api/baskets/{basketId}", Cancellation);
            using var created = await client.PostAsync("/api/baskets", null, Cancellation);
            using var added = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);

            foreach (var response in new[] { read, created, added })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
                Assert.Equal("basket-store-unavailable", problem.GetProperty("code").GetString());
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }
        finally
        {
            await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StartCommand, Cancellation);
            await shop.App.ResourceNotifications.WaitForResourceHealthyAsync("redis", Cancellation);
        }

        // Nothing restarts the basket service: its connection comes back by itself, with the basket as it was.
        var basket = await Eventually.WaitForAsync(async () =>
        {
            using var response = await client.GetAsync($"/api/baskets/{basketId}", Cancellation);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation) : default;
        }, body => body.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60));
        Assert.Equal(JsonValueKind.Object, basket.ValueKind);
        Assert.Equal(2, basket.GetProperty("itemCount").GetInt32());
        using var addedAfter = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, addedAfter.StatusCode);
    }
    /// <summary>
    /// Baskets outlive a restart through the append-only file alone (the test above restarts Redis): no snapshot
    /// rules, whose saves fork the server and write the whole dataset about once a minute under the baskets' writes.
    /// </summary>
    [Fact]
    public async Task TheLocalRedisKeepsBasketsInItsAppendOnlyFileFlushedEverySecondAndTakesNoSnapshots()
    {
        var model = shop.App.Services.GetRequiredService<DistributedApplicationModel>();
        if (model.Resources.Single(r => r.Name == "redis") is not LocalRedisResource)
        {
            Assert.Skip("Redis is not the machine's own server here (containers or a connection string): its operator sets its persistence.");
        }

        var options = ConfigurationOptions.Parse(await shop.ConnectionStringAsync("redis"));
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var config = (await redis.GetServers().Single().ConfigGetAsync("*")).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("yes", config["appendonly"]);
        Assert.Equal("everysec", config["appendfsync"]);
        Assert.Equal("", config["save"]);
    }

    [Fact]
    public async Task WhileTheOrderingServiceIsDownADiscountPreviewIsA503ProblemAndThePlainBasketStillAnswers()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);
        var commands = shop.App.Services.GetRequiredService<ResourceCommandService>();

        await commands.ExecuteCommandAsync("ordering-api", KnownResourceCommands.StopCommand, Cancellation);
        try
        {
            await shop.App.ResourceNotifications.WaitForResourceAsync("ordering-api", KnownResourceStates.TerminalStates, Cancellation);

            using var plain = await client.GetAsync($"/api/baskets/{basketId}", Cancellation);
            using var preview = await client.GetAsync($"/api/baskets/{basketId}?discountCode=ANYCODE", Cancellation);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, preview.StatusCode);
            var problem = await preview.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal("dependency-unavailable", problem.GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        }
        finally
        {
            await commands.ExecuteCommandAsync("ordering-api", KnownResourceCommands.StartCommand, Cancellation);
            await shop.App.ResourceNotifications.WaitForResourceHealthyAsync("ordering-api", Cancellation);
        }
    }
}
