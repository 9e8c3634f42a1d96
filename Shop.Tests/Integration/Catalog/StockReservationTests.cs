using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Catalog;

[Collection(ShopCollection.Name)]
public sealed class StockReservationTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoHundredConcurrentReservationsForTheLastTenUnitsReserveExactlyTen()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 10);
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await catalog.PostAsJsonAsync("/api/stock/reservations",
                new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 1 } } }, Cancellation);
            return response.StatusCode;
        }));

        Assert.Equal(10, responses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(190, responses.Count(s => s == HttpStatusCode.Conflict));
        var stock = await CatalogTestData.SkuAsync(shop, sku);
        Assert.Equal(10, stock.OnHand);
        Assert.Equal(10, stock.Reserved);
        Assert.Equal(0, stock.Available);
    }

    [Fact]
    public async Task AReservationTakesEveryLineOrNoneAndNamesWhatIsShort()
    {
        var plenty = await CatalogTestData.AddSkuAsync(shop, onHand: 50);
        var scarce = await CatalogTestData.AddSkuAsync(shop, onHand: 2);
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);

        using var response = await catalog.PostAsJsonAsync("/api/stock/reservations", new
        {
            reservationId = Guid.NewGuid(),
            lines = new[] { new { sku = plenty, quantity = 5 }, new { sku = scarce, quantity = 3 } },
        }, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var shortSku = Assert.Single(problem.GetProperty("shortSkus").EnumerateArray());
        Assert.Equal(scarce, shortSku.GetProperty("sku").GetString());
        Assert.Equal(2, shortSku.GetProperty("available").GetInt32());
        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, plenty)).Reserved);
    }

    [Fact]
    public async Task TheSameReservationTwiceReservesOnceAndReleasingGivesItBack()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        var reservation = new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 2 } } };

        using var first = await catalog.PostAsJsonAsync("/api/stock/reservations", reservation, Cancellation);
        using var again = await catalog.PostAsJsonAsync("/api/stock/reservations", reservation, Cancellation);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);

        using var released = await catalog.PostAsync($"/api/stock/reservations/{reservation.reservationId}/release", null, Cancellation);
        using var releasedAgain = await catalog.PostAsync($"/api/stock/reservations/{reservation.reservationId}/release", null, Cancellation);
        var stock = await CatalogTestData.SkuAsync(shop, sku);
        Assert.Equal(0, stock.Reserved);
        Assert.Equal(5, stock.OnHand);
    }

    [Fact]
    public async Task AReleasedReservationReservedAgainHoldsTheStockAgain()
    {
        // A checkout that fails after reserving releases its order's stock; when it is retried for the same order,
        // the stock must be held again, not taken as already held.
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        var reservation = new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 2 } } };
        using var first = await catalog.PostAsJsonAsync("/api/stock/reservations", reservation, Cancellation);
        using var released = await catalog.PostAsync($"/api/stock/reservations/{reservation.reservationId}/release", null, Cancellation);
        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);

        using var again = await catalog.PostAsJsonAsync("/api/stock/reservations", reservation, Cancellation);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
        using var tooMuch = await catalog.PostAsJsonAsync("/api/stock/reservations",
            new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 2 } } }, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
    }

    [Fact]
    public async Task TheSameReservationAgainAfterTheRestSoldOutStillStands()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        var reservation = new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 2 } } };
        using var first = await catalog.PostAsJsonAsync("/api/stock/reservations", reservation, Cancellation);
        using var lastUnit = await catalog.PostAsJsonAsync("/api/stock/reservations",
            new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 1 } } }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, lastUnit.StatusCode);

        // A retried call for a reservation that exists is that reservation, not a shortage.
        using var again = await catalog.PostAsJsonAsync("/api/stock/reservations", reservation, Cancellation);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var stock = await CatalogTestData.SkuAsync(shop, sku);
        Assert.Equal(3, stock.Reserved);
        Assert.Equal(0, stock.Available);
    }

    [Fact]
    public async Task OnlyReservationsThatSellOutOrBringBackAVariantAnnounceTheProduct()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        var productId = (await CatalogTestData.SkuAsync(shop, sku)).ProductId;
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        using var shopper = shop.CreateStorefrontClient();
        async Task<int> AvailableOnProductPageAsync() =>
            (await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation)).GetProperty("variants")[0].GetProperty("available").GetInt32();
        async Task ReserveAsync(Guid reservationId, int quantity)
        {
            using var response = await catalog.PostAsJsonAsync("/api/stock/reservations", new { reservationId, lines = new[] { new { sku, quantity } } }, Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        async Task ReleaseAsync(Guid reservationId)
        {
            using var response = await catalog.PostAsync($"/api/stock/reservations/{reservationId}/release", null, Cancellation);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal(5, await AvailableOnProductPageAsync());
        var some = Guid.NewGuid();
        await ReserveAsync(some, 2);
        Assert.Equal(0, await AnnouncementsAsync(productId));
        // Not announced, but the product page (cached) shows the new count at once.
        Assert.Equal(3, await AvailableOnProductPageAsync());

        var rest = Guid.NewGuid();
        await ReserveAsync(rest, 3);
        Assert.Equal(1, await AnnouncementsAsync(productId));
        Assert.Equal(0, await AvailableOnProductPageAsync());

        await ReleaseAsync(rest);
        Assert.Equal(2, await AnnouncementsAsync(productId));
        await ReleaseAsync(some);
        Assert.Equal(2, await AnnouncementsAsync(productId));
        Assert.Equal(5, await AvailableOnProductPageAsync());
    }

    [Fact]
    public async Task AReservationAnswersWithTheCatalogsPricesAndRefusesWhatIsNotOnSale()
    {
        var onSale = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 2300, weightGrams: 700);
        var withdrawn = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            var productId = await db.Skus.Where(s => s.Code == withdrawn).Select(s => s.ProductId).SingleAsync(Cancellation);
            await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsPublished, false), Cancellation);
        }

        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);

        using var reserved = await catalog.PostAsJsonAsync("/api/stock/reservations",
            new { reservationId = Guid.NewGuid(), lines = new[] { new { sku = onSale, quantity = 2 } } }, Cancellation);
        using var refused = await catalog.PostAsJsonAsync("/api/stock/reservations",
            new { reservationId = Guid.NewGuid(), lines = new[] { new { sku = onSale, quantity = 1 }, new { sku = withdrawn, quantity = 1 } } }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
        var line = Assert.Single((await reserved.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("lines").EnumerateArray());
        Assert.Equal((onSale, 2300L, "EUR", 700), (line.GetProperty("sku").GetString(), line.GetProperty("price").GetInt64(),
            line.GetProperty("currency").GetString(), line.GetProperty("weightGrams").GetInt32()));
        Assert.StartsWith("Test product", line.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("not-on-sale", problem.GetProperty("code").GetString());
        Assert.Equal(withdrawn, Assert.Single(problem.GetProperty("shortSkus").EnumerateArray()).GetProperty("sku").GetString());
        Assert.Equal(2, (await CatalogTestData.SkuAsync(shop, onSale)).Reserved);
        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, withdrawn)).Reserved);
    }

    [Fact]
    public async Task AReservationOverTwoSkusAndItsReleaseLeaveAMovementForEachSkuAndStep()
    {
        var first = await CatalogTestData.AddSkuAsync(shop, onHand: 10);
        var second = await CatalogTestData.AddSkuAsync(shop, onHand: 10);
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        var reservationId = Guid.NewGuid();

        using (var reserved = await catalog.PostAsJsonAsync("/api/stock/reservations",
                   new { reservationId, lines = new[] { new { sku = second, quantity = 3 }, new { sku = first, quantity = 2 } } }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
        }

        using (var released = await catalog.PostAsync($"/api/stock/reservations/{reservationId}/release", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        }

        await using var db = await CatalogTestData.OpenAsync(shop);
        foreach (var (sku, quantity) in new[] { (first, 2), (second, 3) })
        {
            var trail = await db.StockMovements.AsNoTracking().Where(m => m.Sku == sku)
                .OrderBy(m => m.At).ToListAsync(Cancellation);
            Assert.Equal(
            [
                (0, quantity, $"reserved for order {reservationId}", "checkout"),
                (0, -quantity, "checkout did not complete", "orders"),
            ], trail.Select(m => (m.OnHandChange, m.ReservedChange, m.Reason, m.Actor)).ToList());
            Assert.NotEqual(trail[0].Id, trail[1].Id);
            var stock = await CatalogTestData.SkuAsync(shop, sku);
            Assert.Equal((10, 0), (stock.OnHand, stock.Reserved));
        }
    }

    [Fact]
    public async Task NoIndexOnSkusNamesTheStockColumnsSoReservationsUpdateTheirRowsInPlace()
    {
        // PostgreSQL updates a row in place (HOT, no new index entries) only when no index names a changed column;
        // every reservation and settlement changes "OnHand" or "Reserved".
        await using var db = await CatalogTestData.OpenAsync(shop);
        var definitions = await db.Database.SqlQuery<string>($"""
            SELECT indexdef AS "Value" FROM pg_indexes WHERE tablename = 'Skus'
            """).ToListAsync(Cancellation);

        Assert.NotEmpty(definitions);
        Assert.DoesNotContain(definitions, d => d.Contains("\"OnHand\"", StringComparison.Ordinal) || d.Contains("\"Reserved\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadReservationsAreFieldErrors()
    {
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);

        using var response = await catalog.PostAsJsonAsync("/api/stock/reservations",
            new { reservationId = Guid.Empty, lines = new[] { new { sku = "", quantity = 0 } } }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("reservationId", fields);
        Assert.Contains("lines[0].sku", fields);
        Assert.Contains("lines[0].quantity", fields);
    }

    /// <summary>How many ProductChanged messages about the product the catalog's outbox has (published or not).</summary>
    private async Task<int> AnnouncementsAsync(Guid productId)
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        var bodies = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == IntegrationEvent.RoutingKeyFor(typeof(ProductChanged)))
            .OrderByDescending(m => m.OccurredAt).Take(500).Select(m => m.Body).ToListAsync(Cancellation);
        return bodies.Count(body => JsonSerializer.Deserialize<ProductChanged>(body)!.ProductId == productId);
    }
}
