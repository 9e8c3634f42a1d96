using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Checkout;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Identity;

/// <summary>A person's data: exported as one document, and erased everywhere.</summary>
[Collection(ShopCollection.Name)]
public sealed class PersonalDataTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheExportHoldsTheCallersAccountAddressesOrdersAndBasketAndNothingOfOthers()
    {
        var (userId, email, client) = await CustomerWithDataAsync();
        using var _ = client;
        var (otherId, otherEmail, otherClient) = await CustomerWithDataAsync();
        using var __ = otherClient;
        var order = await OrderingTestData.PlaceForCustomerAsync(shop, userId, email);
        var othersOrder = await OrderingTestData.PlaceForCustomerAsync(shop, otherId, otherEmail);
        // Placed as a guest with the account's email: the erasure takes it as theirs, so the export shows it.
        var (guestOrder, _) = await OrderingTestData.PlaceGuestOrderAsync(shop, email: email.ToUpperInvariant());
        await OrderingTestData.PlaceGuestOrderAsync(shop, email: otherEmail);

        using var response = await client.GetAsync("/api/users/me/export", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var export = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(email, export.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("+1 555 0100", export.GetProperty("account").GetProperty("phone").GetString());
        Assert.Equal("Home", Assert.Single(export.GetProperty("addresses").EnumerateArray().ToList()).GetProperty("name").GetString());
        var exportedOrders = export.GetProperty("orders").EnumerateArray().ToList();
        // Theirs, signed in and as a guest; never the other customer's, nor a guest order with the other's email.
        Assert.Equal(new[] { guestOrder.Id, order.Id }.Order(), exportedOrders.Select(o => o.GetProperty("id").GetGuid()).Order());
        Assert.DoesNotContain(othersOrder.Id, exportedOrders.Select(o => o.GetProperty("id").GetGuid()));
        var exportedOrder = exportedOrders.Single(o => o.GetProperty("id").GetGuid() == order.Id);
        Assert.Equal(5495, exportedOrder.GetProperty("totals").GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal("Test Shopper", exportedOrder.GetProperty("shippingAddress").GetProperty("name").GetString());
        Assert.Single(export.GetProperty("basket").GetProperty("lines").EnumerateArray().ToList());
    }

    [Fact]
    public async Task ErasingTheAccountNeedsThePasswordThenAnonymizesOrdersDeletesTheBasketAndEndsAccess()
    {
        var (userId, email, client) = await CustomerWithDataAsync();
        using var _ = client;
        var order = await OrderingTestData.PlaceForCustomerAsync(shop, userId, email);

        using var wrongPassword = await EraseAsync(client, "not my password at all");
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Contains("password", (await wrongPassword.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        using (var stillThere = await client.GetAsync("/api/users/me", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        }

        using var erased = await EraseAsync(client, Accounts.Password);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        using var anonymous = shop.CreateStorefrontClient();
        using var signIn = await Accounts.RequestTokenAsync(anonymous, ("grant_type", "password"), ("username", email), ("password", Accounts.Password));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        using (var profile = await client.GetAsync("/api/users/me", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, profile.StatusCode);
        }

        using var staff = shop.CreateStorefrontClient().As((await Accounts.AdminAsync(shop)).AccessToken);
        var staffView = await Eventually.WaitForAsync(
            () => staff.GetFromJsonAsync<JsonElement>($"/api/orders/{order.Id}", Cancellation),
            o => o.GetProperty("email").GetString() != email);
        Assert.DoesNotContain(email, staffView.GetRawText());
        Assert.DoesNotContain("Test Shopper", staffView.GetRawText());
        Assert.DoesNotContain("1 Test Street", staffView.GetRawText());
        Assert.Equal(5495, staffView.GetProperty("totals").GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal(2, staffView.GetProperty("lines")[0].GetProperty("quantity").GetInt32());

        var basket = await Eventually.WaitForAsync(
            () => client.GetFromJsonAsync<JsonElement>("/api/baskets/mine", Cancellation),
            b => b.GetProperty("lines").GetArrayLength() == 0);
        Assert.Equal(0, basket.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task ErasureDeletesTheKeptAnswerOfAGuestCheckoutWithTheSameEmail()
    {
        var (_, email, client) = await CustomerWithDataAsync();
        using var _ = client;
        var (_, guest, basketId) = await GuestBasketAsync();
        using var __ = guest;
        var (status, body) = await CheckoutFlow.PlaceWithKeyAsync(guest, Guid.NewGuid().ToString(), CheckoutFlow.Checkout(basketId, email: email));
        Assert.Equal(HttpStatusCode.Created, status);
        var orderId = JsonDocument.Parse(body).RootElement.GetProperty("order").GetProperty("id").GetGuid();
        Assert.True(await KeptAnswerExistsAsync(orderId)); // it repeats the email, the address and the guest link

        using var erased = await EraseAsync(client, Accounts.Password);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        Assert.False(await Eventually.WaitForAsync(() => KeptAnswerExistsAsync(orderId), exists => !exists));
    }

    [Fact]
    public async Task TwoErasuresAtOnceEraseOnceAndNeitherFails()
    {
        var (_, _, client) = await CustomerWithDataAsync();
        using var __ = client;

        var answers = await Task.WhenAll(EraseAsync(client, Accounts.Password), EraseAsync(client, Accounts.Password));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.NotFound }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        using (var profile = await client.GetAsync("/api/users/me", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, profile.StatusCode);
        }

        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task ErasureTakesThePersonOutOfTheirDiscountUsesWhichStillCount()
    {
        var (userId, email, client) = await CustomerWithDataAsync();
        using var _ = client;
        var code = $"ERASE{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var order = await OrderingTestData.PlaceForCustomerAsync(shop, userId, email);
        await using (var db = await OrderingTestData.OpenAsync(shop))
        {
            db.PromotionRedemptions.AddRange(
                new Shop.OrderingApi.Domain.Promotions.PromotionRedemption(Guid.NewGuid(), code, userId.ToString(), order.Id, DateTimeOffset.UtcNow),
                new Shop.OrderingApi.Domain.Promotions.PromotionRedemption(Guid.NewGuid(), code, email.ToLowerInvariant(), Guid.NewGuid(), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Cancellation);
        }

        using var erased = await EraseAsync(client, Accounts.Password);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        var keys = await Eventually.WaitForAsync(async () =>
        {
            await using var db = await OrderingTestData.OpenAsync(shop);
            return await db.PromotionRedemptions.Where(r => r.Code == code).Select(r => r.CustomerKey).ToListAsync(Cancellation);
        }, k => k.All(key => key == "erased"));
        Assert.Equal(["erased", "erased"], keys);
    }

    [Fact]
    public async Task AnErasedAccountsStillValidTokenStartsNoBasketAndPlacesNoOrder()
    {
        var (userId, _, client) = await CustomerWithDataAsync();
        using var _ = client;
        var (sku, guest, guestBasket) = await GuestBasketAsync();
        using var __ = guest;

        using var erased = await EraseAsync(client, Accounts.Password);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        // The access token stays valid for minutes at the other services; once they hear of the erasure, it makes nothing.
        var added = await Eventually.WaitForAsync(async () =>
        {
            using var response = await client.PostAsJsonAsync("/api/baskets/mine/items", new { sku, quantity = 1 }, Cancellation);
            return response.StatusCode;
        }, status => status == HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, added);
        Assert.True(await Eventually.WaitForAsync(async () =>
        {
            await using var db = await OrderingTestData.OpenAsync(shop);
            return await db.ErasedCustomers.AnyAsync(e => e.CustomerId == userId.ToString(), Cancellation);
        }, known => known));
        using var placed = await client.PostAsJsonAsync("/api/orders", CheckoutFlow.Checkout(guestBasket), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, placed.StatusCode);
        Assert.Equal(["account"], StaffCatalog.FieldErrors(await placed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        Assert.Equal(0, (await CatalogTestData.WaitForAsync(shop, sku, s => s.Reserved == 0)).Reserved);
    }

    /// <summary>A guest's basket holding one unit of a new SKU, and the guest's client.</summary>
    private async Task<(string Sku, HttpClient Guest, string BasketId)> GuestBasketAsync()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        var guest = shop.CreateStorefrontClient();
        return (sku, guest, await CheckoutFlow.GuestBasketWithAsync(guest, sku, 1));
    }

    private async Task<bool> KeptAnswerExistsAsync(Guid orderId)
    {
        await using var db = await OrderingTestData.OpenAsync(shop);
        return await db.IdempotencyRecords.AnyAsync(r => r.OrderId == orderId, Cancellation);
    }

    [Fact]
    public async Task AReviewersExportHoldsTheirReviewAndErasureLeavesTheReviewWithoutItsAuthor()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 2500);
        var productId = (await CatalogTestData.SkuAsync(shop, sku)).ProductId;
        var buyer = await Buyers.BuyAndReceiveAsync(shop, sku, Cancellation);
        using var client = shop.CreateStorefrontClient().As(buyer.AccessToken);
        using (var reviewed = await client.PostAsJsonAsync($"/api/products/{productId}/reviews",
            new { rating = 5, title = "Keeps me dry", body = "Worn every day since it came." }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, reviewed.StatusCode);
        }

        var export = await client.GetFromJsonAsync<JsonElement>("/api/users/me/export", Cancellation);
        var review = Assert.Single(export.GetProperty("reviews").EnumerateArray().ToList());
        Assert.Equal(productId, review.GetProperty("productId").GetGuid());
        Assert.Equal("Worn every day since it came.", review.GetProperty("body").GetString());

        using var erased = await EraseAsync(client, Accounts.Password);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        // The catalog hears of the erasure through the identity service's outbox and RabbitMQ.
        using var anonymous = shop.CreateStorefrontClient();
        var kept = await Eventually.WaitForAsync(
            async () => (await anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{productId}/reviews", Cancellation)).GetProperty("items")[0],
            r => r.GetProperty("author").ValueKind == JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("author").ValueKind);
        Assert.Equal("Keeps me dry", kept.GetProperty("title").GetString());
        var product = await anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation);
        Assert.Equal(1, product.GetProperty("rating").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task TheApiDocumentAsksForTheErasurePasswordInTheBodyNeverInTheUrl()
    {
        using var client = shop.CreateStorefrontClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/identity.json", Cancellation);

        var erase = document.GetProperty("paths").GetProperty("/api/users/me").GetProperty("delete");
        Assert.True(erase.TryGetProperty("requestBody", out _), erase.GetRawText());
        Assert.False(erase.TryGetProperty("parameters", out var parameters) && parameters.GetRawText().Contains("password"), erase.GetRawText());
    }

    /// <summary>A signed-in customer with a phone number, an address and an item in their basket.</summary>
    private async Task<(Guid UserId, string Email, HttpClient Client)> CustomerWithDataAsync()
    {
        var email = Accounts.NewEmail();
        var userId = await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var client = shop.CreateStorefrontClient().As((await Accounts.SignInAsync(shop, email)).AccessToken);
        using (var profile = await client.PutAsJsonAsync("/api/users/me", new { displayName = "Grace", phone = "+1 555 0100" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        }

        await ProfileAndAddressTests.AddAsync(client, ProfileAndAddressTests.Address("shipping", "Home"));
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using (var added = await client.PostAsJsonAsync("/api/baskets/mine/items", new { sku, quantity = 1 }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        return (userId, email, client);
    }

    private static Task<HttpResponseMessage> EraseAsync(HttpClient client, string password) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/users/me") { Content = JsonContent.Create(new { password }) }, Cancellation);
}
