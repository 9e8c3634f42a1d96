using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Checkout;

/// <summary>The steps of a purchase through the storefront, as a browser takes them.</summary>
public static class CheckoutFlow
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static object Checkout(string basketId, string method = "standard", string email = "guest@example.com", string? phone = null) => new
    {
        basketId,
        email,
        shippingMethod = method,
        shippingAddress = new { name = "Grace Hopper", line1 = "1 Harbour Road", city = "Berlin", postalCode = "10115", country = "DE", phone },
    };

    public static async Task<string> GuestBasketWithAsync(HttpClient client, string sku, int quantity)
    {
        using var created = await client.PostAsync("/api/baskets", null, Cancellation);
        var basketId = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString()!;
        using var added = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity, price = 1 }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        return basketId;
    }

    /// <summary>Places the order and gives the answer's body: the order, its payment and a guest's link secret.</summary>
    public static async Task<JsonElement> PlaceAsync(HttpClient client, object checkout)
    {
        using var placed = await client.PostAsJsonAsync("/api/orders", checkout, Cancellation);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        return await placed.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    /// <summary>Places the order with an <c>Idempotency-Key</c>, as the storefront's checkout form does; any answer.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> PlaceWithKeyAsync(HttpClient client, string key, object checkout)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(checkout) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, Cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }

    /// <summary>Pays a placed order with the test gateway's card that always succeeds.</summary>
    public static async Task PayAsync(HttpClient client, JsonElement placed)
    {
        using var confirmed = await client.PostAsJsonAsync("/api/payments/test-gateway/confirm", new
        {
            clientSecret = placed.GetProperty("payment").GetProperty("clientSecret").GetString(),
            cardNumber = "4242424242424242",
            expiryMonth = 12,
            expiryYear = DateTime.UtcNow.Year + 2,
            cvc = "123",
        }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("succeeded", (await confirmed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetString());
    }

    /// <summary>
    /// A guest's order of <paramref name="quantity"/> × <paramref name="sku"/>, placed and paid with the success card,
    /// once the ordering service has it as paid: the answer to placing it (order, payment, the guest link's secret).
    /// </summary>
    public static async Task<JsonElement> PaidGuestOrderAsync(ShopAppFixture shop, HttpClient guest, string sku, int quantity = 1)
    {
        var placed = await PlaceAsync(guest, Checkout(await GuestBasketWithAsync(guest, sku, quantity)));
        await PayAsync(guest, placed);
        await OrderingTestData.WaitForAsync(shop, OrderId(placed), o => o.Status == OrderStatus.Paid);
        return placed;
    }

    /// <summary>The guest cancels the order through its link's secret; any answer.</summary>
    public static Task<HttpResponseMessage> CancelAsGuestAsync(HttpClient guest, JsonElement placed) =>
        guest.PostAsJsonAsync($"/api/orders/{OrderId(placed)}/cancel?token={placed.GetProperty("guestAccessToken").GetString()}", new { }, Cancellation);

    public static Guid OrderId(JsonElement placed) => placed.GetProperty("order").GetProperty("id").GetGuid();

    /// <summary>The order number in email subjects.</summary>
    public static string Reference(Guid orderId) => OrderReference.Of(orderId);
}
