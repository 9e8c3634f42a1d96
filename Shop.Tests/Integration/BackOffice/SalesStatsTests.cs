using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.BackOffice;

[Collection(ShopCollection.Name)]
public sealed class SalesStatsTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatsAddUpOrdersRevenueConversionAndBestSellersPerDayAndCurrency()
    {
        // Two days of their own, long ago, so no other test's orders fall in them.
        var day = new DateOnly(1990, 1, 1).AddDays(Random.Shared.Next(0, 7000));
        var tag = StaffCatalog.NewTag().ToUpperInvariant();
        var (a, b, c) = ($"STATS-{tag}-A", $"STATS-{tag}-B", $"STATS-{tag}-C");
        await PlaceAsync(day, 9, paid: true, ("EUR", a, 2500, 2), ("EUR", b, 1000, 1));
        await PlaceAsync(day, 15, paid: true, ("EUR", a, 2500, 1));
        await PlaceAsync(day, 18, paid: false, ("EUR", b, 1000, 3));
        await PlaceAsync(day.AddDays(1), 10, paid: true, ("GBP", c, 100, 5));

        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var stats = await staff.GetFromJsonAsync<JsonElement>($"/api/orders/stats?from={Iso(day)}&to={Iso(day.AddDays(1))}", Cancellation);

        Assert.Equal(4, stats.GetProperty("ordersPlaced").GetInt64());
        Assert.Equal(3, stats.GetProperty("paidOrders").GetInt64());
        Assert.Equal(0.75, stats.GetProperty("conversion").GetDouble());
        Assert.Equal(
            [("EUR", 2L, 8500L, 4250L), ("GBP", 1L, 500L, 500L)],
            stats.GetProperty("currencies").EnumerateArray().Select(x => (x.GetProperty("currency").GetString(), x.GetProperty("paidOrders").GetInt64(),
                x.GetProperty("revenue").GetInt64(), x.GetProperty("averageOrderValue").GetInt64())).ToList());
        var days = stats.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal([Iso(day), Iso(day.AddDays(1))], days.Select(d => d.GetProperty("date").GetString()).ToList());
        Assert.Equal([3L, 1L], days.Select(d => d.GetProperty("orders").GetInt64()).ToList());
        Assert.Equal([2L, 1L], days.Select(d => d.GetProperty("paidOrders").GetInt64()).ToList());
        Assert.Equal(["8500 EUR", "500 GBP"], days.Select(d => string.Join(",", d.GetProperty("revenue").EnumerateArray()
            .Select(r => $"{r.GetProperty("amount").GetInt64()} {r.GetProperty("currency").GetString()}"))).ToList());
        Assert.Equal(3, stats.GetProperty("statusCounts").GetProperty("paid").GetInt64());
        Assert.Equal(1, stats.GetProperty("statusCounts").GetProperty("placed").GetInt64());
        Assert.Equal(0, stats.GetProperty("statusCounts").GetProperty("shipped").GetInt64());
        // The unpaid order's three units of B do not count.
        Assert.Equal([(c, 5L), (a, 3L), (b, 1L)], Top(stats, "topByUnits").Select(t => (t.Sku, t.Units)).ToList());
        Assert.Equal([(a, 7500L), (b, 1000L), (c, 500L)], Top(stats, "topByRevenue").Select(t => (t.Sku, t.Revenue)).ToList());

        var oneDay = await staff.GetFromJsonAsync<JsonElement>($"/api/orders/stats?from={Iso(day.AddDays(1))}&to={Iso(day.AddDays(1))}", Cancellation);
        Assert.Equal(1, oneDay.GetProperty("ordersPlaced").GetInt64());
        Assert.Equal(1.0, oneDay.GetProperty("conversion").GetDouble());
    }

    [Fact]
    public async Task StatsAreForStaffAndRefuseAPeriodThatEndsBeforeItStarts()
    {
        using var anonymous = shop.CreateStorefrontClient();
        using (var signedOut = await anonymous.GetAsync("/api/orders/stats", Cancellation))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        }

        using var customer = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);
        using (var notStaff = await customer.GetAsync("/api/orders/stats", Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        }

        using var staff = await StaffCatalog.StaffClientAsync(shop);
        using (var backwards = await staff.GetAsync("/api/orders/stats?from=2024-03-02&to=2024-03-01", Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
            Assert.Contains("to", StaffCatalog.FieldErrors(await backwards.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        }

        using (var tooLong = await staff.GetAsync("/api/orders/stats?from=2020-01-01&to=2024-01-01", Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            Assert.Contains("from", StaffCatalog.FieldErrors(await tooLong.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        }

        // Days at the ends of the calendar were 500s (the default start, or the day after, does not exist).
        foreach (var (query, field) in new[] { ("to=0001-01-10", "to"), ("from=9999-12-31&to=9999-12-31", "from") })
        {
            using var edge = await staff.GetAsync($"/api/orders/stats?{query}", Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, edge.StatusCode);
            Assert.Contains(field, StaffCatalog.FieldErrors(await edge.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        }

        var firstDays = await staff.GetFromJsonAsync<JsonElement>("/api/orders/stats?to=1900-01-05", Cancellation);
        Assert.Equal(5, firstDays.GetProperty("days").GetArrayLength());

        // Without dates: the last 30 days up to today, every day present even without orders.
        var recent = await staff.GetFromJsonAsync<JsonElement>("/api/orders/stats", Cancellation);
        Assert.Equal(30, recent.GetProperty("days").GetArrayLength());
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<(string Sku, long Units, long Revenue)> Top(JsonElement stats, string list) =>
        stats.GetProperty(list).EnumerateArray()
            .Select(t => (t.GetProperty("sku").GetString()!, t.GetProperty("units").GetInt64(), t.GetProperty("revenue").GetInt64()))
            .Where(t => t.Item1.StartsWith("STATS-", StringComparison.Ordinal)).ToList();

    /// <summary>An order placed at an hour of a past day, paid or not, straight into the ordering database.</summary>
    private async Task PlaceAsync(DateOnly day, int hour, bool paid, params (string Currency, string Sku, long Price, int Quantity)[] lines)
    {
        var currency = lines[0].Currency;
        var orderLines = lines.Select(l => new OrderLine(l.Sku, $"Product {l.Sku}", new Money(l.Price, l.Currency), l.Quantity, 100)).ToList();
        var subtotal = new Money(orderLines.Sum(l => l.Total.Amount), currency);
        var totals = new OrderTotals(subtotal, Money.Zero(currency), Money.Zero(currency), Money.Zero(currency), subtotal, TaxIncluded: true, 0);
        var placedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
        // Due long after now, so the expiry of unpaid orders leaves the unpaid one as it is.
        var (order, _) = Order.Place(null, Accounts.NewEmail(), orderLines, new Address("Stats Shopper", "1 Stats Street", null, "Berlin", "10115", "DE", null, null),
            "standard", null, totals, placedAt, DateTimeOffset.UtcNow - placedAt + TimeSpan.FromDays(1));
        if (paid)
        {
            order.MarkPaid($"stats-{Guid.NewGuid():N}", placedAt.AddMinutes(5));
        }

        await using var db = await OrderingTestData.OpenAsync(shop);
        db.Orders.Add(order);
        await db.SaveChangesAsync(Cancellation);
    }
}
