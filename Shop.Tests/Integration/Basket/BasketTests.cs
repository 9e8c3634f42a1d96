using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Checkout;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Ordering;
using Shop.OrderingApi.Domain.Promotions;

namespace Shop.Tests.Integration.Basket;

[Collection(ShopCollection.Name)]
public sealed class BasketTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PricesComeFromTheCatalogWhateverTheClientSends()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 4200);
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);

        using var added = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 2, price = 1, unitPrice = 1 }, Cancellation);

        var line = Line(await added.Content.ReadFromJsonAsync<JsonElement>(Cancellation), sku);
        Assert.Equal(4200, line.GetProperty("unitPrice").GetProperty("amount").GetInt64());
        Assert.Equal(8400, line.GetProperty("lineTotal").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task APriceChangeInTheCatalogShowsInTheBasketAndIsMarked()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 1000);
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);
        using var staff = await StaffCatalog.StaffClientAsync(shop);

        using var updated = await staff.PutAsJsonAsync($"/api/skus/{sku}", new { price = 1500, weightGrams = 500 }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        // Baskets show the catalog's recent answers, dropped when the product's change is announced.
        var line = await Eventually.WaitForAsync(
            async () => Line(await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation), sku),
            l => l.GetProperty("unitPrice").GetProperty("amount").GetInt64() == 1500);
        Assert.Equal(1500, line.GetProperty("unitPrice").GetProperty("amount").GetInt64());
        Assert.Equal(1000, line.GetProperty("priceChangedFrom").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task AReadWithNoCacheIsPricedByTheCatalogThisMoment()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 1000);
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);

        // Changed behind the catalog's back: no event announces it, so only asking the catalog again shows it.
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "Skus" SET "PriceAmount" = 1500 WHERE "Code" = {sku}""", Cancellation);
        }

        var recent = Line(await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation), sku);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/baskets/{basketId}");
        request.Headers.CacheControl = new() { NoCache = true };
        using var response = await client.SendAsync(request, Cancellation);
        var fresh = Line(await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation), sku);

        Assert.Equal(1000, recent.GetProperty("unitPrice").GetProperty("amount").GetInt64());
        Assert.Equal(1500, fresh.GetProperty("unitPrice").GetProperty("amount").GetInt64());
        Assert.Equal(1000, fresh.GetProperty("priceChangedFrom").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task UnknownSkusAndMoreThanIsInStockAreRefused()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 2);
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);

        using var unknown = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku = "NO-SUCH-SKU", quantity = 1 }, Cancellation);
        using var tooMany = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 3 }, Cancellation);
        using var overLimit = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 0 }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overLimit.StatusCode);
        var basket = await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation);
        Assert.Equal(0, basket.GetProperty("lines").GetArrayLength());
    }

    // Adds are judged by the basket service's recent catalog answers, dropped when ProductChanged arrives. They live
    // Baskets:CatalogSnapshotLifetime (30 s), twice Eventually's wait: only the event can make these refusals come in time.
    [Fact]
    public async Task AnUnpublishedProductsSkuIsRefusedOnceTheChangeIsAnnounced()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var productId = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag, onHand: 50), Cancellation)).GetProperty("id").GetGuid();
        var sku = StaffCatalog.SmallSku(tag);
        using var client = shop.CreateStorefrontClient();
        using (var before = await client.PostAsJsonAsync($"/api/baskets/{await NewGuestBasketAsync(client)}/items", new { sku, quantity = 1 }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var unpublished = await staff.PostAsync($"/api/products/{productId}/unpublish", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        }

        var refused = await Eventually.WaitForAsync(() => AddToNewBasketAsync(client, sku), r => r.Status == HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("sku", refused.Field);
    }

    [Fact]
    public async Task ADraftsSkuIsRefusedAsNotOnSale()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag, published: false, onHand: 50), Cancellation);
        var sku = StaffCatalog.SmallSku(tag);
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);

        using var refused = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single((await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateArray());
        Assert.Equal("sku", error.GetProperty("name").GetString());
        Assert.Contains("no product on sale", error.GetProperty("reason").GetString());
        var basket = await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation);
        Assert.Equal(0, basket.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task ALineWhoseProductIsUnpublishedStaysInTheBasketNotPurchasable()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var productId = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag, onHand: 50), Cancellation)).GetProperty("id").GetGuid();
        var sku = StaffCatalog.SmallSku(tag);
        var other = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 1000);
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);
        using (var added = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 2 }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku = other, quantity = 1 }, Cancellation);

        using (var unpublished = await staff.PostAsync($"/api/products/{productId}/unpublish", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        }

        // The catalog now leaves the SKU out of its answers to the basket, as it does a code that names nothing.
        var basket = await Eventually.WaitForAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation),
            b => !Line(b, sku).GetProperty("purchasable").GetBoolean());
        var line = Line(basket, sku);
        Assert.False(line.GetProperty("purchasable").GetBoolean());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        // Named as when it was added, so the shopper knows which line it is.
        Assert.Equal($"Staff tee {tag}", line.GetProperty("name").GetString());
        Assert.True(basket.GetProperty("hasUnavailableItems").GetBoolean());
        Assert.True(Line(basket, other).GetProperty("purchasable").GetBoolean());
        Assert.Equal(1000, basket.GetProperty("subtotal").GetProperty("amount").GetInt64());

        using var exact = new HttpRequestMessage(HttpMethod.Get, $"/api/baskets/{basketId}");
        exact.Headers.CacheControl = new() { NoCache = true };
        using var read = await client.SendAsync(exact, Cancellation);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(Line(await read.Content.ReadFromJsonAsync<JsonElement>(Cancellation), sku).GetProperty("purchasable").GetBoolean());
    }

    [Fact]
    public async Task ASoldOutSkuIsRefusedOnceTheSellOutIsAnnounced()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 1);
        using var buyer = shop.CreateStorefrontClient();
        using var shopper = shop.CreateStorefrontClient();
        Assert.Equal(HttpStatusCode.OK, (await AddToNewBasketAsync(shopper, sku)).Status);

        // Placing the order reserves the last unit.
        await CheckoutFlow.PlaceAsync(buyer, CheckoutFlow.Checkout(await CheckoutFlow.GuestBasketWithAsync(buyer, sku, 1)));

        var refused = await Eventually.WaitForAsync(() => AddToNewBasketAsync(shopper, sku), r => r.Status == HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("stock", refused.Field);
    }

    [Fact]
    public async Task AnAddTheRecentAnswerWouldRefuseIsJudgedByTheCatalogThisMoment()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 2);
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);

        // Stock counted in behind the catalog's back: no event, so the basket service's recent answer still says 2.
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "Skus" SET "OnHand" = 8 WHERE "Code" = {sku}""", Cancellation);
        }

        using var added = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 5 }, Cancellation);
        using var tooMany = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 3 }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(6, Line(await added.Content.ReadFromJsonAsync<JsonElement>(Cancellation), sku).GetProperty("quantity").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Contains("Only 8", (await tooMany.Content.ReadAsStringAsync(Cancellation)));
    }

    [Fact]
    public async Task ConcurrentAddsLoseNoLine()
    {
        var skus = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CatalogTestData.AddSkuAsync(shop, onHand: 5)));
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);

        var added = await Task.WhenAll(skus.Select(async sku =>
        {
            using var response = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);
            return response.StatusCode;
        }));

        Assert.All(added, status => Assert.Equal(HttpStatusCode.OK, status));
        var basket = await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation);
        Assert.Equal(skus.Order(), basket.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("sku").GetString()!).Order());
    }

    [Fact]
    public async Task SigningInMergesTheGuestBasketAndItIsGone()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        using var guest = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(guest);
        await guest.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 2 }, Cancellation);
        var tokens = await Accounts.CustomerAsync(shop, Cancellation);
        using var customer = shop.CreateStorefrontClient().As(tokens.AccessToken);
        await customer.PostAsJsonAsync("/api/baskets/mine/items", new { sku, quantity = 2 }, Cancellation);

        using var merged = await customer.PostAsJsonAsync("/api/baskets/mine/merge", new { guestBasketId = basketId }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var line = Line(await merged.Content.ReadFromJsonAsync<JsonElement>(Cancellation), sku);
        Assert.Equal(3, line.GetProperty("quantity").GetInt32()); // 2 + 2, capped by the 3 in stock
        using var gone = await guest.GetAsync($"/api/baskets/{basketId}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task AGuestBasketOrderedByASignedInCustomerIsEmptiedAndTheirOwnIsKept()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        var tokens = await Accounts.CustomerAsync(shop, Cancellation);
        using var customer = shop.CreateStorefrontClient().As(tokens.AccessToken);
        await customer.PostAsJsonAsync("/api/baskets/mine/items", new { sku, quantity = 1 }, Cancellation);
        var guestBasketId = await CheckoutFlow.GuestBasketWithAsync(customer, sku, 2);

        await CheckoutFlow.PlaceAsync(customer, CheckoutFlow.Checkout(guestBasketId));

        // Emptied once the order is announced, so it cannot be ordered a second time; well before the guest basket's
        // time to live would end it anyway.
        var status = await Eventually.WaitForAsync(async () =>
        {
            using var response = await customer.GetAsync($"/api/baskets/{guestBasketId}", Cancellation);
            return response.StatusCode;
        }, s => s == HttpStatusCode.NotFound, ShopAppFixture.GuestBasketTimeToLive / 2);
        Assert.Equal(HttpStatusCode.NotFound, status);
        var mine = await customer.GetFromJsonAsync<JsonElement>("/api/baskets/mine", Cancellation);
        Assert.Equal(1, Line(mine, sku).GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task ACustomerWhoLeavesABasketGetsOneReminder()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var tokens = await Accounts.SignInAsync(shop, email);
        using var customer = shop.CreateStorefrontClient().As(tokens.AccessToken);

        await customer.PostAsJsonAsync("/api/baskets/mine/items", new { sku, quantity = 1 }, Cancellation);

        var reminder = await shop.Mail.WaitForMessageAsync(email, "You left something", Cancellation);
        Assert.Contains("1 item", reminder);
    }

    [Fact]
    public async Task ADiscountCodePreviewsItsDiscountByTheOrderingServicesRules()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 2500);
        var code = await AddPromotionAsync(c => new Promotion(c, "10 % off", DiscountKind.Percentage, 1000, "EUR", 3000, null, null, null, null));
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 2 }, Cancellation);

        var basket = await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}?discountCode={code.ToLowerInvariant()}", Cancellation);
        var plain = await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation);

        Assert.Equal(5000, basket.GetProperty("subtotal").GetProperty("amount").GetInt64());
        Assert.Equal(code, basket.GetProperty("discount").GetProperty("code").GetString());
        Assert.Equal(500, basket.GetProperty("discount").GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal(4500, basket.GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("discount").ValueKind);
        Assert.Equal(5000, plain.GetProperty("total").GetProperty("amount").GetInt64());
    }

    [Theory]
    [InlineData("expired", "expired")]
    [InlineData("minimum", "at least")]
    [InlineData("unknown", "does not exist")]
    [InlineData("dot-dot", "does not exist")] // ".." left the preview's path segment: a 404 there, a 500 here
    [InlineData("slash", "does not exist")]
    public async Task ACodeThatDoesNotApplyIsAFieldErrorSayingWhy(string kind, string reason)
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 1000);
        var now = DateTimeOffset.UtcNow;
        var code = kind switch
        {
            "expired" => await AddPromotionAsync(c => new Promotion(c, "", DiscountKind.FixedAmount, 300, "EUR", 0, now.AddDays(-3), now.AddDays(-1), null, null)),
            "minimum" => await AddPromotionAsync(c => new Promotion(c, "", DiscountKind.FixedAmount, 300, "EUR", 5000, null, null, null, null)),
            "dot-dot" => "..",
            "slash" => "A%2FB",
            _ => "NO-SUCH-CODE",
        };
        using var client = shop.CreateStorefrontClient();
        var basketId = await NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);

        using var response = await client.GetAsync($"/api/baskets/{basketId}?discountCode={code}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateArray());
        Assert.Equal("discountCode", error.GetProperty("name").GetString());
        Assert.Contains(reason, error.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task MineNeedsASignedInCallerAndGuessedIdsFindNothing()
    {
        using var client = shop.CreateStorefrontClient();

        using var mine = await client.GetAsync("/api/baskets/mine", Cancellation);
        using var guessed = await client.GetAsync($"/api/baskets/{Shop.BasketApi.Baskets.Basket.NewId()}", Cancellation);
        using var malformed = await client.GetAsync("/api/baskets/1", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, mine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    private async Task<string> AddPromotionAsync(Func<string, Promotion> create)
    {
        var code = "BASKET" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var db = await OrderingTestData.OpenAsync(shop);
        db.Promotions.Add(create(code));
        await db.SaveChangesAsync(Cancellation);
        return code;
    }

    internal static async Task<string> NewGuestBasketAsync(HttpClient client)
    {
        using var created = await client.PostAsync("/api/baskets", null, Cancellation);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString()!;
    }

    /// <summary>Adds one unit to a fresh basket, so earlier attempts cannot run into the per-line limit or stock.</summary>
    private static async Task<(HttpStatusCode Status, string? Field)> AddToNewBasketAsync(HttpClient client, string sku)
    {
        using var added = await client.PostAsJsonAsync($"/api/baskets/{await NewGuestBasketAsync(client)}/items", new { sku, quantity = 1 }, Cancellation);
        if (added.IsSuccessStatusCode)
        {
            return (added.StatusCode, null);
        }

        var problem = await added.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return (added.StatusCode, problem.GetProperty("errors").EnumerateArray().First().GetProperty("name").GetString());
    }

    private static JsonElement Line(JsonElement basket, string sku) =>
        basket.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == sku);
}
