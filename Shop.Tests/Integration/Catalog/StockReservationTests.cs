using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
        using var catalog = shop.App.CreateHttpClient("catalog-api", "http");

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await catalog.PostAsJsonAsync("/api/stock/reservations",
                new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 1 } } }, Cancellation);
            return response.StatusCode;
        }));

        Assert.Equal(10, responses.Count(s => s == HttpStatusCode.NoContent));
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
        using var catalog = shop.App.CreateHttpClient("catalog-api", "http");

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
        using var catalog = shop.App.CreateHttpClient("catalog-api", "http");
        var reservation = new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 2 } } };

        using var first = await catalog.PostAsJsonAsync("/api/stock/reservations", reservation, Cancellation);
        using var again = await catalog.PostAsJsonAsync("/api/stock/reservations", reservation, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(2, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);

        using var released = await catalog.PostAsync($"/api/stock/reservations/{reservation.reservationId}/release", null, Cancellation);
        using var releasedAgain = await catalog.PostAsync($"/api/stock/reservations/{reservation.reservationId}/release", null, Cancellation);
        var stock = await CatalogTestData.SkuAsync(shop, sku);
        Assert.Equal(0, stock.Reserved);
        Assert.Equal(5, stock.OnHand);
    }

    [Fact]
    public async Task BadReservationsAreFieldErrors()
    {
        using var catalog = shop.App.CreateHttpClient("catalog-api", "http");

        using var response = await catalog.PostAsJsonAsync("/api/stock/reservations",
            new { reservationId = Guid.Empty, lines = new[] { new { sku = "", quantity = 0 } } }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("reservationId", fields);
        Assert.Contains("lines[0].sku", fields);
        Assert.Contains("lines[0].quantity", fields);
    }
}
