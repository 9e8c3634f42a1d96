using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Checkout;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Basket;

/// <summary>What one basket may hold: at most 100 different items, in one currency, and quantities that cannot overflow.</summary>
[Collection(ShopCollection.Name)]
public sealed class BasketLimitsTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFullBasketOfAHundredItemsStaysReadableAndMergeableAndRefusesAnother()
    {
        var skus = await CatalogTestData.AddSkusAsync(shop, 101, onHand: 5);
        using var guest = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(guest);
        foreach (var sku in skus.Take(100))
        {
            using var added = await guest.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        using (var oneMore = await guest.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku = skus[100], quantity = 1 }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, oneMore.StatusCode);
            Assert.Equal(["sku"], StaffCatalog.FieldErrors(await oneMore.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        }

        // The merge asks the catalog about every line at once: more than it answers in one call.
        using var customer = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);
        using (var merged = await customer.PostAsJsonAsync("/api/baskets/mine/merge", new { guestBasketId = basketId }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        }

        var mine = await customer.GetFromJsonAsync<JsonElement>("/api/baskets/mine", Cancellation);
        Assert.Equal(100, mine.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task AnItemInAnotherCurrencyIsRefusedAndABasketRepricedSinceIsNotCheckedOut()
    {
        var euros = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        var dollars = await CatalogTestData.AddSkuAsync(shop, onHand: 5, currency: "USD");
        using var guest = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(guest, euros, 1);

        using (var refused = await guest.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku = dollars, quantity = 1 }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["sku"], StaffCatalog.FieldErrors(await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        }

        // Staff re-price the second item's product in dollars after it went into a euro basket.
        var other = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using (var added = await guest.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku = other, quantity = 1 }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        await CatalogTestData.RepriceAsync(shop, other, "USD");
        using var placed = await guest.PostAsJsonAsync("/api/orders", CheckoutFlow.Checkout(basketId), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, placed.StatusCode);
        Assert.Equal(["basketId"], StaffCatalog.FieldErrors(await placed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        // Nothing stays held for the refused order.
        Assert.Equal(0, (await CatalogTestData.WaitForAsync(shop, euros, s => s.Reserved == 0)).Reserved);
    }

    [Fact]
    public async Task AHugeQuantityIsRefusedAsOverTheLimitAndABadSkuInTheAddressIsAFieldError()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var guest = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(guest, sku, 1);

        using (var huge = await guest.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = int.MaxValue }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
            var problem = await huge.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.StartsWith("At most", problem.GetProperty("errors")[0].GetProperty("reason").GetString());
        }

        foreach (var address in new[] { "%20", new string('A', 65) })
        {
            using var bad = await guest.PutAsJsonAsync($"/api/baskets/{basketId}/items/{address}", new { quantity = 1 }, Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(["sku"], StaffCatalog.FieldErrors(await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        }

        var basket = await guest.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation);
        Assert.Equal(1, basket.GetProperty("lines")[0].GetProperty("quantity").GetInt32());
    }
}
