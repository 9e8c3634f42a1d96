using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Checkout;

[Collection(ShopCollection.Name)]
public sealed class CheckoutConcurrencyTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoHundredConcurrentCheckoutsForTheLastTenUnitsMakeTenPaidOrdersAndNoNegativeStock()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 10, price: 1500);
        using var client = shop.CreateStorefrontClient();
        // Every basket is filled while all ten are still there; they then race for them at checkout.
        var baskets = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 1)));

        var answers = await Task.WhenAll(baskets.Select(async basketId =>
        {
            using var response = await client.PostAsJsonAsync("/api/orders", CheckoutFlow.Checkout(basketId), Cancellation);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
        }));

        var placed = answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Body).ToList();
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.Conflict).Select(a => a.Body).ToList();
        // On failure, what the others got (a 503 from a starved service reads differently from a 500).
        var tally = string.Join(", ", answers.GroupBy(a => (int)a.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"));
        var others = answers.Where(a => a.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).Select(a => a.Body.ToString()).Distinct().Take(3);
        Assert.True(placed.Count == 10 && refused.Count == 190, $"Expected 10 × 201 and 190 × 409, got {tally}. {string.Join(" ", others)}");
        Assert.All(refused, problem => Assert.Equal([sku], problem.GetProperty("shortSkus").EnumerateArray().Select(s => s.GetProperty("sku").GetString())));

        await Task.WhenAll(placed.Select(order => CheckoutFlow.PayAsync(client, order)));
        foreach (var order in placed)
        {
            var paid = await OrderingTestData.WaitForAsync(shop, CheckoutFlow.OrderId(order), o => o.Status == OrderStatus.Paid);
            Assert.Equal(OrderStatus.Paid, paid.Status);
        }

        var stock = await CatalogTestData.WaitForAsync(shop, sku, s => s.OnHand == 0 && s.Reserved == 0);
        Assert.Equal((0, 0, 0), (stock.OnHand, stock.Reserved, stock.Available));
    }
}
