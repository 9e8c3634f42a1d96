using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Payments.TestGateway;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Checkout;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Ordering;

/// <summary>Pay now: an order left awaiting payment is paid later from its page, by its owner or its guest link.</summary>
[Collection(ShopCollection.Name)]
public sealed class PayNowTests(ShopAppFixture shop)
{
    private const string DeclinedCard = "4000000000000002";
    private const string SucceedingCard = "4242424242424242";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGuestWhoseCardWasDeclinedPaysLaterAndThenPayNowIsAConflict()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3, price: 2000);
        using var client = shop.CreateStorefrontClient();
        var placed = await CheckoutFlow.PlaceAsync(client, CheckoutFlow.Checkout(await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 1)));
        var orderId = CheckoutFlow.OrderId(placed);
        var token = placed.GetProperty("guestAccessToken").GetString()!;
        var checkoutSecret = placed.GetProperty("payment").GetProperty("clientSecret").GetString()!;
        Assert.Equal("declined", await ConfirmAsync(client, checkoutSecret, DeclinedCard));
        await OrderingTestData.WaitForAsync(shop, orderId, o => o.History.Any(h => h.Event == "payment failed"));

        // Two clicks: the same open payment both times, so there is only ever one thing to charge.
        using var first = await client.PostAsync($"/api/orders/{orderId}/payment?token={Uri.EscapeDataString(token)}", null, Cancellation);
        using var second = await client.PostAsync($"/api/orders/{orderId}/payment?token={Uri.EscapeDataString(token)}", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var payment = (await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("payment");
        var secret = payment.GetProperty("clientSecret").GetString()!;
        Assert.Equal("test", payment.GetProperty("provider").GetString());
        Assert.Equal(secret, (await second.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("payment").GetProperty("clientSecret").GetString());

        Assert.Equal("succeeded", await ConfirmAsync(client, secret, SucceedingCard));
        var paid = await OrderingTestData.WaitForAsync(shop, orderId, o => o.Status == OrderStatus.Paid);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Single(paid.History, h => h.Event == "paid");

        using var again = await client.PostAsync($"/api/orders/{orderId}/payment?token={Uri.EscapeDataString(token)}", null, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("paid", (await again.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("currentStatus").GetString());
        // The paid payment cannot take a second card either.
        using var secondCharge = await client.PostAsJsonAsync("/api/payments/test-gateway/confirm", Card(secret, SucceedingCard), Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, secondCharge.StatusCode);
    }

    [Fact]
    public async Task OnlyTheOwnerMayPayAndACancelledOrderIsAConflict()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3, price: 2000);
        var owner = await Accounts.CustomerAsync(shop, Cancellation);
        var stranger = await Accounts.CustomerAsync(shop, Cancellation);
        using var ownerClient = shop.CreateStorefrontClient().As(owner.AccessToken);
        var placed = await CheckoutFlow.PlaceAsync(ownerClient, CheckoutFlow.Checkout(await CheckoutFlow.GuestBasketWithAsync(ownerClient, sku, quantity: 1)));
        var orderId = CheckoutFlow.OrderId(placed);

        using var strangerClient = shop.CreateStorefrontClient().As(stranger.AccessToken);
        using var byStranger = await strangerClient.PostAsync($"/api/orders/{orderId}/payment", null, Cancellation);
        using var anonymous = shop.CreateStorefrontClient();
        using var byAnonymous = await anonymous.PostAsync($"/api/orders/{orderId}/payment", null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byAnonymous.StatusCode);

        using var byOwner = await ownerClient.PostAsync($"/api/orders/{orderId}/payment", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        var body = await byOwner.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("awaiting_payment", body.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(placed.GetProperty("payment").GetProperty("clientSecret").GetString(), body.GetProperty("payment").GetProperty("clientSecret").GetString());

        using var cancelled = await ownerClient.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        using var afterCancel = await ownerClient.PostAsync($"/api/orders/{orderId}/payment", null, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, afterCancel.StatusCode);
        Assert.Equal("cancelled", (await afterCancel.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("currentStatus").GetString());
    }

    [Fact]
    public async Task AnOrderWhosePaymentNeverStartedGetsOneWhenPaidNow()
    {
        var (order, token) = await OrderingTestData.PlaceGuestOrderAsync(shop);
        using var client = shop.CreateStorefrontClient();

        using var response = await client.PostAsync($"/api/orders/{order.Id}/payment?token={Uri.EscapeDataString(token)}", null, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var secret = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("payment").GetProperty("clientSecret").GetString()!;
        Assert.Equal(OrderStatus.AwaitingPayment, (await OrderingTestData.ReloadAsync(shop, order.Id)).Status);
        Assert.Equal("succeeded", await ConfirmAsync(client, secret, SucceedingCard));
        Assert.Equal(OrderStatus.Paid, (await OrderingTestData.WaitForAsync(shop, order.Id, o => o.Status == OrderStatus.Paid)).Status);
    }

    [Fact]
    public async Task ClicksAtTheSameMomentOnAnOrderWithoutAPaymentAllGetTheOnePaymentThatWasStarted()
    {
        var (order, token) = await OrderingTestData.PlaceGuestOrderAsync(shop);
        using var client = shop.CreateStorefrontClient();
        var url = $"/api/orders/{order.Id}/payment?token={Uri.EscapeDataString(token)}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync(url, null, Cancellation)));

        var secrets = new List<string>();
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                secrets.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("payment").GetProperty("clientSecret").GetString()!);
            }
        }

        Assert.Single(secrets.Distinct());
        await using var db = await OrderingTestData.OpenAsync(shop);
        var payments = await db.Set<TestPayment>().Where(p => p.OrderId == order.Id).ToListAsync(Cancellation);
        var payment = Assert.Single(payments);
        Assert.Equal(secrets[0], payment.ClientSecret);
        Assert.Equal(payment.Reference, (await OrderingTestData.ReloadAsync(shop, order.Id)).PaymentReference);
    }

    private static object Card(string clientSecret, string cardNumber) =>
        new { clientSecret, cardNumber, expiryMonth = 12, expiryYear = DateTime.UtcNow.Year + 2, cvc = "123" };

    private static async Task<string> ConfirmAsync(HttpClient client, string clientSecret, string cardNumber)
    {
        using var confirmed = await client.PostAsJsonAsync("/api/payments/test-gateway/confirm", Card(clientSecret, cardNumber), Cancellation);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return (await confirmed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetString()!;
    }
}
