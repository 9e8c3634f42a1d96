using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Checkout;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Catalog;

/// <summary>A customer who bought a SKU and had it delivered, all through the storefront's APIs.</summary>
public static class Buyers
{
    public static async Task<Tokens> BuyAndReceiveAsync(ShopAppFixture shop, string sku, CancellationToken ct)
    {
        var customer = await Accounts.CustomerAsync(shop, ct);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        using (var added = await asCustomer.PostAsJsonAsync("/api/baskets/mine/items", new { sku, quantity = 1 }, ct))
        {
            Assert.True(added.IsSuccessStatusCode, $"Adding to the basket: {added.StatusCode}");
        }

        using var placed = await asCustomer.PostAsJsonAsync("/api/orders", new
        {
            basketId = "mine",
            shippingMethod = "standard",
            shippingAddress = new { name = "Grace Hopper", line1 = "Unter den Linden 1", city = "Berlin", postalCode = "10117", country = "DE" },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var body = await placed.Content.ReadFromJsonAsync<JsonElement>(ct);
        var orderId = body.GetProperty("order").GetProperty("id").GetGuid();
        await CheckoutFlow.PayAsync(asCustomer, body);

        Assert.Equal(OrderStatus.Paid, (await OrderingTestData.WaitForAsync(shop, orderId, o => o.Status == OrderStatus.Paid)).Status);
        var admin = await Accounts.AdminAsync(shop);
        using var asStaff = shop.CreateStorefrontClient().As(admin.AccessToken);
        using (var shipped = await asStaff.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { carrier = "DHL", trackingNumber = "DHL1" }, ct))
        {
            Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        }

        using (var delivered = await asStaff.PostAsync($"/api/orders/{orderId}/deliver", null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        }

        // The catalog learns of the delivery through the OrderDelivered event.
        var recorded = await Eventually.WaitForAsync(async () =>
        {
            await using var db = await CatalogTestData.OpenAsync(shop);
            return await db.VerifiedPurchases.CountAsync(p => p.OrderId == orderId, ct);
        }, count => count > 0);
        Assert.True(recorded > 0, "The delivery never made the customer a verified buyer.");
        return customer;
    }
}
