using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Checkout;

/// <summary>A customer's order from checkout to refunded return, with staff doing their part.</summary>
[Collection(ShopCollection.Name)]
public sealed class OrderLifecycleTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOrderStaffRefundedInFullCanStillBeCancelledWithNothingMoreRefunded()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 2);
        using var guest = shop.CreateStorefrontClient();
        var placed = await CheckoutFlow.PaidGuestOrderAsync(shop, guest, sku);
        var orderId = CheckoutFlow.OrderId(placed);
        var paid = await OrderingTestData.ReloadAsync(shop, orderId);
        using var asStaff = shop.CreateStorefrontClient().As((await Accounts.AdminAsync(shop)).AccessToken);
        using (var refunded = await asStaff.PostAsJsonAsync($"/api/orders/{orderId}/refunds", new { amount = paid.Totals.Total.Amount }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        }

        // Was a 500 every time: the cancellation asked the gateway to refund the nothing that was left.
        using var cancelled = await CheckoutFlow.CancelAsGuestAsync(guest, placed);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var final = await OrderingTestData.ReloadAsync(shop, orderId);
        Assert.Equal(OrderStatus.Cancelled, final.Status);
        Assert.Equal(paid.Totals.Total.Amount, final.Refunded.Amount);
        Assert.Single(final.History, h => h.Event == "refunded");
    }

    [Fact]
    public async Task ACustomerBuysStaffShipAndDeliverAndAReturnIsRefunded()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 4, price: 3000);
        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        await asCustomer.PostAsJsonAsync("/api/baskets/mine/items", new { sku, quantity = 2 }, Cancellation);

        using var placed = await asCustomer.PostAsJsonAsync("/api/orders", new
        {
            basketId = "mine",
            shippingMethod = "express",
            shippingAddress = new { name = "Ada Lovelace", line1 = "12 St James's Square", city = "London", postalCode = "SW1Y 4JH", country = "GB" },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var body = await placed.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var orderId = body.GetProperty("order").GetProperty("id").GetGuid();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("guestAccessToken").ValueKind);

        await asCustomer.PostAsJsonAsync("/api/payments/test-gateway/confirm", new
        {
            clientSecret = body.GetProperty("payment").GetProperty("clientSecret").GetString(),
            cardNumber = "5555555555554444", expiryMonth = 1, expiryYear = DateTime.UtcNow.Year + 1, cvc = "321",
        }, Cancellation);
        await OrderingTestData.WaitForAsync(shop, orderId, o => o.Status == OrderStatus.Paid);

        var mine = await asCustomer.GetFromJsonAsync<JsonElement>("/api/orders", Cancellation);
        Assert.Contains(orderId, mine.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        var stranger = await Accounts.CustomerAsync(shop, Cancellation);
        using (var asStranger = shop.CreateStorefrontClient().As(stranger.AccessToken))
        {
            using var notTheirs = await asStranger.GetAsync($"/api/orders/{orderId}", Cancellation);
            using var notTheirsToCancel = await asStranger.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { }, Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, notTheirsToCancel.StatusCode);
        }

        var admin = await Accounts.AdminAsync(shop);
        using var asStaff = shop.CreateStorefrontClient().As(admin.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await asStaff.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { carrier = "Royal Mail", trackingNumber = "RM123" }, Cancellation)).StatusCode);
        using var lateCancel = await asCustomer.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { }, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, lateCancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asStaff.PostAsync($"/api/orders/{orderId}/deliver", null, Cancellation)).StatusCode);

        using var returned = await asCustomer.PostAsJsonAsync($"/api/orders/{orderId}/returns",
            new { lines = new[] { new { sku, quantity = 1 } }, reason = "Wrong colour" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, returned.StatusCode);
        var returnId = (await returned.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        foreach (var action in new[] { "approve", "receive", "refund" })
        {
            using var moved = await asStaff.PostAsJsonAsync($"/api/orders/{orderId}/returns/{returnId}/{action}", new { }, Cancellation);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var final = await OrderingTestData.ReloadAsync(shop, orderId);
        Assert.Equal(OrderStatus.Delivered, final.Status);
        Assert.Equal(3000, final.Refunded.Amount);
        Assert.Equal(ReturnStatus.Refunded, Assert.Single(final.Returns).Status);
        Assert.Equal(["placed", "payment started", "paid", "shipped", "delivered", "return requested",
            "return approved", "return received", "refunded", "return refunded"], final.History.Select(h => h.Event));
    }
}
