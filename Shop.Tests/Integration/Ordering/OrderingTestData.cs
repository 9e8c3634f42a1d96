using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Payments.TestGateway;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Ordering;

/// <summary>Arranges orders in the ordering service's database through its own domain and data layer.</summary>
public static class OrderingTestData
{
    public static async Task<OrderingDbContext> OpenAsync(ShopAppFixture shop) =>
        new(new DbContextOptionsBuilder<OrderingDbContext>().UseNpgsql(await shop.ConnectionStringAsync("orderingdb")).Options);

    public static async Task<Order> PlaceAsync(ShopAppFixture shop, Func<Order, OrderingDbContext, Task>? then = null, TimeSpan? paymentWindow = null) =>
        (await PlaceAsync(shop, $"customer-{Guid.NewGuid():N}", paymentWindow ?? TimeSpan.FromMinutes(30), then)).Order;

    /// <summary>An order placed by a signed-in customer with this account id and email.</summary>
    public static async Task<Order> PlaceForCustomerAsync(ShopAppFixture shop, Guid customerId, string email) =>
        (await PlaceAsync(shop, customerId.ToString(), TimeSpan.FromMinutes(30), then: null, email)).Order;

    /// <summary>A guest order and the secret from its order link.</summary>
    public static async Task<(Order Order, string Token)> PlaceGuestOrderAsync(ShopAppFixture shop, TimeSpan? paymentWindow = null, string email = "shopper@example.com")
    {
        var (order, token) = await PlaceAsync(shop, customerId: null, paymentWindow ?? TimeSpan.FromMinutes(30), then: null, email);
        return (order, token!);
    }

    private static async Task<(Order Order, string? Token)> PlaceAsync(
        ShopAppFixture shop, string? customerId, TimeSpan paymentWindow, Func<Order, OrderingDbContext, Task>? then,
        string email = "shopper@example.com")
    {
        var lines = new List<OrderLine> { new("TEST-SKU", "Test product", new Money(2500, "EUR"), 2, 300) };
        var totals = new OrderTotals(new Money(5000, "EUR"), Money.Zero("EUR"), new Money(495, "EUR"), new Money(877, "EUR"),
            new Money(5495, "EUR"), TaxIncluded: true, 1900);
        var address = new Address("Test Shopper", "1 Test Street", null, "Berlin", "10115", "DE", null, null);
        var (order, token) = Order.Place(customerId, email, lines, address, "standard", null,
            totals, DateTimeOffset.UtcNow, paymentWindow);

        await using var db = await OpenAsync(shop);
        db.Orders.Add(order);
        if (then is not null)
        {
            await then(order, db);
        }

        await db.SaveChangesAsync();
        return (order, token);
    }

    public static async Task<TestPayment> TestPaymentAsync(ShopAppFixture shop, string reference)
    {
        await using var db = await OpenAsync(shop);
        return await db.Set<TestPayment>().AsNoTracking().SingleAsync(p => p.Reference == reference);
    }

    public static async Task<Order> ReloadAsync(ShopAppFixture shop, Guid orderId)
    {
        await using var db = await OpenAsync(shop);
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
    }

    /// <summary>The order once <paramref name="until"/> holds, or as it is after a few seconds.</summary>
    public static Task<Order> WaitForAsync(ShopAppFixture shop, Guid orderId, Func<Order, bool> until) =>
        Eventually.WaitForAsync(() => ReloadAsync(shop, orderId), until);
}
