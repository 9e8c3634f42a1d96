using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Ordering;

[Collection(ShopCollection.Name)]
public sealed class OrderAccessTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGuestSeesTheirOrderOnlyThroughItsSecretLink()
    {
        var (order, token) = await OrderingTestData.PlaceGuestOrderAsync(shop);
        using var client = shop.CreateStorefrontClient();

        using var withToken = await client.GetAsync($"/api/orders/{order.Id}?token={token}", Cancellation);
        using var withoutToken = await client.GetAsync($"/api/orders/{order.Id}", Cancellation);
        using var wrongToken = await client.GetAsync($"/api/orders/{order.Id}?token={token[..^2]}xx", Cancellation);

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        var body = await withToken.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("placed", body.GetProperty("status").GetString());
        Assert.Equal(5495, body.GetProperty("totals").GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
    }

    [Fact]
    public async Task APagePastAnyListsEndIs400NamingThePage()
    {
        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        var admin = await Accounts.AdminAsync(shop);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        using var asStaff = shop.CreateStorefrontClient().As(admin.AccessToken);

        // (page - 1) * pageSize overflowed int into a negative OFFSET, which PostgreSQL refused: a 500.
        using var mine = await asCustomer.GetAsync("/api/orders?page=2147483647&pageSize=2", Cancellation);
        using var all = await asStaff.GetAsync("/api/orders/all?page=1073741824&pageSize=4", Cancellation);
        using var last = await asCustomer.GetAsync($"/api/orders?page={1_000_000}&pageSize=100", Cancellation);

        foreach (var refused in new[] { mine, all })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("name").GetString() == "page");
        }

        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Empty((await last.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnotherCustomersOrderIsNotFound()
    {
        var order = await OrderingTestData.PlaceAsync(shop);
        using var client = shop.CreateStorefrontClient();

        using var read = await client.GetAsync($"/api/orders/{order.Id}", Cancellation);
        using var cancel = await client.PostAsJsonAsync($"/api/orders/{order.Id}/cancel", new { }, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(OrderStatus.Placed, (await OrderingTestData.ReloadAsync(shop, order.Id)).Status);
    }

    [Fact]
    public async Task AGuestCancelsAnUnshippedOrderAndASecondCancelIsAConflict()
    {
        var (order, token) = await OrderingTestData.PlaceGuestOrderAsync(shop);
        using var client = shop.CreateStorefrontClient();

        using var cancelled = await client.PostAsJsonAsync($"/api/orders/{order.Id}/cancel?token={token}", new { reason = "changed my mind" }, Cancellation);
        using var again = await client.PostAsJsonAsync($"/api/orders/{order.Id}/cancel?token={token}", new { }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("cancelled", problem.GetProperty("currentStatus").GetString());
    }

    [Fact]
    public async Task AReturnForAnUndeliveredOrderIsAConflict()
    {
        var (order, token) = await OrderingTestData.PlaceGuestOrderAsync(shop);
        using var client = shop.CreateStorefrontClient();

        using var response = await client.PostAsJsonAsync($"/api/orders/{order.Id}/returns?token={token}",
            new { lines = new[] { new { sku = "TEST-SKU", quantity = 1 } }, reason = "too big" }, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("ship")]
    [InlineData("deliver")]
    [InlineData("refunds")]
    public async Task StaffActionsNeedASignedInCaller(string action)
    {
        var (order, _) = await OrderingTestData.PlaceGuestOrderAsync(shop);
        using var client = shop.CreateStorefrontClient();

        using var response = await client.PostAsJsonAsync($"/api/orders/{order.Id}/{action}", new { carrier = "DHL", trackingNumber = "1", amount = 1 }, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OrderStatus.Placed, (await OrderingTestData.ReloadAsync(shop, order.Id)).Status);
    }

    [Fact]
    public async Task AnOrderUnpaidWhenItsWindowClosesIsCancelled()
    {
        var (order, _) = await OrderingTestData.PlaceGuestOrderAsync(shop, paymentWindow: TimeSpan.FromSeconds(1));

        var expired = await OrderingTestData.WaitForAsync(shop, order.Id, o => o.Status == OrderStatus.Cancelled);

        Assert.Equal(OrderStatus.Cancelled, expired.Status);
        Assert.Contains(expired.History, h => h.Note == "payment not completed in time");
        // Its payment never started, so the shopper was never told of it: the cancellation is not announced either.
        await using var db = await OrderingTestData.OpenAsync(shop);
        var cancelled = (await db.Set<Shop.Messaging.Outbox.OutboxMessage>().Where(m => m.Type == nameof(Shop.Messaging.Contracts.OrderCancelled)).ToListAsync(Cancellation))
            .Select(m => System.Text.Json.JsonDocument.Parse(m.Body).RootElement)
            .Single(e => e.GetProperty("OrderId").GetGuid() == order.Id);
        Assert.False(cancelled.GetProperty("Announced").GetBoolean());
    }
}
