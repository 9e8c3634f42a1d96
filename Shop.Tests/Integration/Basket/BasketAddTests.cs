using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Shop.BasketApi.Baskets;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using StackExchange.Redis;

namespace Shop.Tests.Integration.Basket;

/// <summary>
/// An add is one script in Redis (read, add to the line, write): it must save what the basket's rules would, and
/// leave to those rules everything it does not do itself.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class BasketAddTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAddInRedisSavesWhatTheBasketsRulesWould()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await shop.ConnectionStringAsync("redis"));
        var settings = new BasketSettings();
        var store = new BasketStore(redis, Options.Create(settings), TimeProvider.System);
        var address = store.Guest((await store.CreateGuestBasketAsync()).Id);
        var earlier = DateTimeOffset.UtcNow.AddHours(-1);
        var before = (await store.UpdateAsync(address, basket => basket!
            .Add("SKU-A", 2, 1000, "EUR", 10, earlier)
            .Add("SKU-B", 1, 500, "EUR", 10, earlier)
            .MarkAbandonmentNotified(earlier), Cancellation))!;

        var (moreOfA, afterA) = await store.AddAsync(address, "SKU-A", 3, 1200, "EUR", cap: 10, ifNone: null);
        var (newLine, afterC) = await store.AddAsync(address, "SKU-C", 1, 700, "EUR", cap: 10, ifNone: null);

        Assert.Equal((BasketAddOutcome.Added, BasketAddOutcome.Added), (moreOfA, newLine));
        // The rules' own add, at the time the script wrote: same lines in the same order, the reminder re-armed.
        var expectedA = before.Add("SKU-A", 3, 1200, "EUR", 10, afterA!.UpdatedAt);
        var expectedC = expectedA.Add("SKU-C", 1, 700, "EUR", 10, afterC!.UpdatedAt);
        AssertSame(expectedA, afterA);
        AssertSame(expectedC, afterC);
        AssertSame(expectedC, (await store.FindAsync(address))!);
        Assert.True(afterA.UpdatedAt > earlier);

        var db = redis.GetDatabase();
        var timeToLive = await db.KeyTimeToLiveAsync(address.Key);
        Assert.InRange(timeToLive!.Value, settings.GuestTimeToLive - TimeSpan.FromMinutes(1), settings.GuestTimeToLive);
        Assert.Equal(afterC.UpdatedAt.ToUnixTimeMilliseconds(), await db.SortedSetScoreAsync("baskets:activity", address.Key.ToString()));
    }

    [Fact]
    public async Task AnAddOverTheCapChangesNothingAndOnlyACustomersMissingBasketIsStarted()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await shop.ConnectionStringAsync("redis"));
        var settings = new BasketSettings();
        var store = new BasketStore(redis, Options.Create(settings), TimeProvider.System);
        var db = redis.GetDatabase();
        var guest = store.Guest((await store.CreateGuestBasketAsync()).Id);
        await store.AddAsync(guest, "SKU-A", 4, 1000, "EUR", cap: 5, ifNone: null);
        var saved = await db.StringGetAsync(guest.Key);

        var (overCap, refused) = await store.AddAsync(guest, "SKU-A", 2, 1000, "EUR", cap: 5, ifNone: null);
        var missingGuest = store.Guest(BasketApi.Baskets.Basket.NewId());
        var (noGuestBasket, _) = await store.AddAsync(missingGuest, "SKU-A", 1, 1000, "EUR", cap: 5, ifNone: null);
        var customerId = Guid.NewGuid().ToString();
        var customer = store.Customer(customerId, "shopper@example.com");
        var started = BasketApi.Baskets.Basket.NewCustomerBasket(customerId, "shopper@example.com", DateTimeOffset.UtcNow);
        var (customerAdd, customerBasket) = await store.AddAsync(customer, "SKU-A", 1, 1000, "EUR", cap: 5, ifNone: started);

        Assert.Equal(BasketAddOutcome.ForTheRules, overCap);
        Assert.Null(refused);
        Assert.Equal(saved, await db.StringGetAsync(guest.Key));
        Assert.Equal(BasketAddOutcome.NoBasket, noGuestBasket);
        Assert.False(await db.KeyExistsAsync(missingGuest.Key));
        Assert.Equal(BasketAddOutcome.Added, customerAdd);
        Assert.Equal((started.Id, customerId, "shopper@example.com"), (customerBasket!.Id, customerBasket.CustomerId, customerBasket.Email));
        Assert.Equal(new[] { new BasketLine("SKU-A", 1, 1000, "EUR") }, customerBasket.Lines);
        Assert.True(await db.KeyTimeToLiveAsync(customer.Key) > settings.GuestTimeToLive);
    }

    [Fact]
    public async Task AddsOverThePerLineLimitOrTheStockAreRefusedWithTheirFieldAndChangeNothing()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 50);
        var scarce = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 8 }, Cancellation);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku = scarce, quantity = 2 }, Cancellation);

        using var overLimit = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 3 }, Cancellation);
        using var overStock = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku = scarce, quantity = 2 }, Cancellation);

        Assert.Equal((HttpStatusCode.BadRequest, "quantity"), await RefusalAsync(overLimit));
        Assert.Equal((HttpStatusCode.Conflict, "stock"), await RefusalAsync(overStock));
        var basket = await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation);
        Assert.Equal(8, Quantity(basket, sku));
        Assert.Equal(2, Quantity(basket, scarce));
    }

    // Redis's JSON library writes numbers with 14 significant digits: such a price must not pass through the script.
    [Fact]
    public async Task APriceBeyondFourteenDigitsStaysExactInTheBasketAndItsOtherLines()
    {
        const long price = 123_456_789_012_345;
        var dear = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: price);
        var cheap = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 1999);
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);

        foreach (var sku in new[] { dear, cheap, dear })
        {
            using var added = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var basket = await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation);
        var line = basket.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == dear);
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(price, line.GetProperty("unitPrice").GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("priceChangedFrom").ValueKind);
        Assert.Equal(2 * price + 1999, basket.GetProperty("subtotal").GetProperty("amount").GetInt64());
    }

    private static void AssertSame(BasketApi.Baskets.Basket expected, BasketApi.Baskets.Basket actual)
    {
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(
            (expected.Id, expected.CustomerId, expected.Email, expected.CreatedAt, expected.UpdatedAt, expected.AbandonmentNotifiedAt),
            (actual.Id, actual.CustomerId, actual.Email, actual.CreatedAt, actual.UpdatedAt, actual.AbandonmentNotifiedAt));
    }

    private static async Task<(HttpStatusCode Status, string? Field)> RefusalAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return (response.StatusCode, problem.GetProperty("errors").EnumerateArray().First().GetProperty("name").GetString());
    }

    private static int Quantity(JsonElement basket, string sku) =>
        basket.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == sku).GetProperty("quantity").GetInt32();
}
