using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Checkout;

/// <summary>Checkout end to end through the storefront: basket, order, stock, payment, events.</summary>
[Collection(ShopCollection.Name)]
public sealed class CheckoutTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGuestBuysWithTheTestCardAndStockBasketAndOrderAllFollow()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 2500);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 2);

        using var placed = await client.PostAsJsonAsync("/api/orders", CheckoutFlow.Checkout(basketId), Cancellation);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var body = await placed.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var order = body.GetProperty("order");
        var orderId = order.GetProperty("id").GetGuid();
        Assert.Equal("awaiting_payment", order.GetProperty("status").GetString());
        Assert.Equal(5000, order.GetProperty("totals").GetProperty("subtotal").GetProperty("amount").GetInt64());
        Assert.Equal(0, order.GetProperty("totals").GetProperty("shipping").GetProperty("amount").GetInt64()); // free from 50 EUR
        Assert.Equal(3, (await CatalogTestData.SkuAsync(shop, sku)).Available);

        await CheckoutFlow.PayAsync(client, body);

        var paid = await OrderingTestData.WaitForAsync(shop, orderId, o => o.Status == OrderStatus.Paid);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        var stock = await CatalogTestData.WaitForAsync(shop, sku, s => s.OnHand == 3);
        Assert.Equal((3, 0), (stock.OnHand, stock.Reserved));
        var guestLink = body.GetProperty("guestAccessToken").GetString();
        using var viaLink = await client.GetAsync($"/api/orders/{orderId}?token={guestLink}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, viaLink.StatusCode);
        var placedMail = await shop.Mail.WaitForMessageAsync("guest@example.com", $"{CheckoutFlow.Reference(orderId)} is placed", Cancellation);
        Assert.Contains($"/account/orders/{orderId}?token={guestLink}", placedMail);
        await shop.Mail.WaitForMessageAsync("guest@example.com", $"{CheckoutFlow.Reference(orderId)} is paid", Cancellation);
        var basketStatus = await Eventually.WaitForAsync(async () =>
        {
            using var response = await client.GetAsync($"/api/baskets/{basketId}", Cancellation);
            return response.StatusCode;
        }, status => status == HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, basketStatus);
    }

    [Fact]
    public async Task ShippingIsPricedByTheWeightOfWhatIsBought()
    {
        var light = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 1000, weightGrams: 400);
        var heavy = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 1000, weightGrams: 2500);
        using var client = shop.CreateStorefrontClient();

        // Standard delivery below the free-delivery value: 4.95 up to 2 kg, 9.95 up to 10 kg.
        var lightOrder = await CheckoutFlow.PlaceAsync(client, CheckoutFlow.Checkout(await CheckoutFlow.GuestBasketWithAsync(client, light, quantity: 2)));
        var heavyOrder = await CheckoutFlow.PlaceAsync(client, CheckoutFlow.Checkout(await CheckoutFlow.GuestBasketWithAsync(client, heavy, quantity: 1)));

        Assert.Equal(495, Shipping(lightOrder));
        Assert.Equal(995, Shipping(heavyOrder));
    }

    private static long Shipping(JsonElement placed) =>
        placed.GetProperty("order").GetProperty("totals").GetProperty("shipping").GetProperty("amount").GetInt64();

    [Fact]
    public async Task AnOrderForMoreThanIsInStockIsRefusedWithTheShortSkus()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 3);
        using (var competitor = await ServiceCallers.CatalogStockClientAsync(shop))
        {
            // Someone else takes two of the three after this basket was filled.
            await competitor.PostAsJsonAsync("/api/stock/reservations",
                new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 2 } } }, Cancellation);
        }

        using var refused = await client.PostAsJsonAsync("/api/orders", CheckoutFlow.Checkout(basketId), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains(sku, problem.GetProperty("shortSkus").EnumerateArray().Select(s => s.GetProperty("sku").GetString()));
        using var basket = await client.GetAsync($"/api/baskets/{basketId}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, basket.StatusCode); // kept for the shopper to fix
    }

    [Fact]
    public async Task APriceChangedAfterTheItemWasAddedIsChargedAtTheCatalogsPriceOfTheMoment()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 1200);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 2);
        // Changed in the catalog's database behind every cache's back: no service hears of it, so only a price taken
        // from the catalog at checkout can show it.
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            await db.Skus.Where(s => s.Code == sku).ExecuteUpdateAsync(u => u.SetProperty(s => s.Price.Amount, 1450), Cancellation);
        }

        var placed = await CheckoutFlow.PlaceAsync(client, CheckoutFlow.Checkout(basketId));

        var line = Assert.Single(placed.GetProperty("order").GetProperty("lines").EnumerateArray());
        Assert.Equal(1450, line.GetProperty("unitPrice").GetProperty("amount").GetInt64());
        Assert.StartsWith("Test product", line.GetProperty("productName").GetString());
        Assert.Equal(2900, placed.GetProperty("order").GetProperty("totals").GetProperty("subtotal").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task AProductUnpublishedAfterItWasAddedIsRefusedAtCheckoutAndNothingIsReserved()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 1);
        // As above: no announcement, so the basket still believes the product is on sale.
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            var productId = await db.Skus.Where(s => s.Code == sku).Select(s => s.ProductId).SingleAsync(Cancellation);
            await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsPublished, false), Cancellation);
        }

        using var refused = await client.PostAsJsonAsync("/api/orders", CheckoutFlow.Checkout(basketId), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains(sku, problem.GetProperty("shortSkus").EnumerateArray().Select(s => s.GetProperty("sku").GetString()));
        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task ADiscountCodeRefusedAfterTheStockWasTakenPutsTheStockBack()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 1);

        using var refused = await client.PostAsJsonAsync("/api/orders", new
        {
            basketId,
            email = "guest@example.com",
            shippingMethod = "standard",
            discountCode = $"NO-SUCH-{Guid.NewGuid():N}"[..30],
            shippingAddress = new { name = "Grace Hopper", line1 = "1 Harbour Road", city = "Berlin", postalCode = "10115", country = "DE" },
        }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var fields = (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("name").GetString());
        Assert.Contains("discountCode", fields);
        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task TheSameIdempotencyKeyTwiceMakesOneOrderAndAnotherBodyIsRefused()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 10);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 1);
        var key = Guid.NewGuid().ToString();

        var first = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId));
        var second = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId));
        var different = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId, method: "express"));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(HttpStatusCode.UnprocessableContent, different.Status);
        Assert.Equal(1, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task AnOutOfStockRefusalIsNotReplayedWhenTheSameKeyTriesAgainAfterTheBasketIsFixed()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 2);
        var key = Guid.NewGuid().ToString();
        // Another shopper buys two meanwhile: one is left of this basket's two.
        await CheckoutFlow.PlaceAsync(client, CheckoutFlow.Checkout(await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 2)));

        var refused = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("insufficient-stock", JsonDocument.Parse(refused.Body).RootElement.GetProperty("code").GetString());

        // The shopper takes one off and presses "Place order" again: the form sends the same key and body.
        using (var changed = await client.PutAsJsonAsync($"/api/baskets/{basketId}/items/{sku}", new { quantity = 1 }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        var placed = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId));
        var replayed = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId));

        Assert.Equal(HttpStatusCode.Created, placed.Status);
        Assert.Equal((HttpStatusCode.Created, placed.Body), replayed);
        Assert.Equal(3, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task TwentyConcurrentSubmissionsOfOneKeyMakeOneOrder()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 10);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 1);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("order").GetProperty("id").GetGuid()).Distinct());
        Assert.Equal(1, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task BadCheckoutsAreFieldErrorsAndReserveNothing()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 10);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 1);

        using var response = await client.PostAsJsonAsync("/api/orders", new
        {
            basketId,
            email = "not-an-email",
            shippingMethod = "",
            shippingAddress = new { name = "", line1 = "1 Road", city = "Berlin", postalCode = "10115", country = "XX" },
        }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("email", fields);
        Assert.Contains("shippingMethod", fields);
        Assert.Contains("shippingAddress.name", fields);
        Assert.Contains("shippingAddress.country", fields);
        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }
}
