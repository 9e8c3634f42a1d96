using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Catalog;

/// <summary>
/// The catalog's stock reservations take only a service's own client-credentials token with the catalog.stock scope,
/// called on the catalog directly (as a caller inside the deployment would, past the storefront).
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class StockServiceIdentityTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutATokenReservingAndReleasingAre401AndReserveNothing()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 4);
        using var catalog = shop.App.CreateHttpClient("catalog-api", "http");
        var reservationId = Guid.NewGuid();

        using var reserve = await catalog.PostAsJsonAsync("/api/stock/reservations", new { reservationId, lines = new[] { new { sku, quantity = 4 } } }, Cancellation);
        using var release = await catalog.PostAsync($"/api/stock/reservations/{reservationId}/release", null, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, reserve.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, release.StatusCode);
        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task ACustomersOrStaffTokenIs403AndReservesNothingEvenWhenItAsksForTheScope()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 4);
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        using var signIn = shop.CreateStorefrontClient();
        // Asking for the service scope at sign-in gets a token without it.
        using var withScope = await Accounts.RequestTokenAsync(signIn,
            ("grant_type", "password"), ("username", email), ("password", Accounts.Password), ("scope", ServiceCallers.CatalogStockScope));
        Assert.Equal(HttpStatusCode.OK, withScope.StatusCode);
        var customerToken = (await withScope.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("access_token").GetString()!;
        var staffToken = (await Accounts.AdminAsync(shop)).AccessToken;

        foreach (var token in new[] { customerToken, staffToken })
        {
            using var catalog = shop.App.CreateHttpClient("catalog-api", "http").As(token);
            var reservationId = Guid.NewGuid();
            using var reserve = await catalog.PostAsJsonAsync("/api/stock/reservations", new { reservationId, lines = new[] { new { sku, quantity = 4 } } }, Cancellation);
            using var release = await catalog.PostAsync($"/api/stock/reservations/{reservationId}/release", null, Cancellation);
            Assert.Equal(HttpStatusCode.Forbidden, reserve.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, release.StatusCode);
        }

        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task TheOrderingServicesTokenReservesAndReleases()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 4);
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        var reservationId = Guid.NewGuid();

        using var reserve = await catalog.PostAsJsonAsync("/api/stock/reservations", new { reservationId, lines = new[] { new { sku, quantity = 3 } } }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, reserve.StatusCode);
        Assert.Equal(3, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);

        using var release = await catalog.PostAsync($"/api/stock/reservations/{reservationId}/release", null, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, release.StatusCode);
        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task AWrongSecretOrAScopeTheClientIsNotGrantedGetsNoToken()
    {
        using var wrongSecret = await ServiceCallers.RequestOrderingTokenAsync(shop, "not-the-secret-" + Guid.NewGuid().ToString("N"));
        Assert.NotEqual(HttpStatusCode.OK, wrongSecret.StatusCode);
        Assert.Equal("invalid_client", (await wrongSecret.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("error").GetString());

        using var otherScope = await ServiceCallers.RequestOrderingTokenAsync(shop, await ServiceCallers.OrderingSecretAsync(shop), scope: "roles");
        Assert.Equal(HttpStatusCode.BadRequest, otherScope.StatusCode);
        var refusal = await otherScope.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.False(refusal.TryGetProperty("access_token", out _));
        Assert.Contains("scope", refusal.GetProperty("error_description").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
