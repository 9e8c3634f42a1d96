using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Infrastructure;

/// <summary>Calls a service makes on its own behalf, with the client-credentials token the identity service gives it.</summary>
public static class ServiceCallers
{
    /// <summary>The ordering service's client id (the AppHost registers it with the catalog.stock scope).</summary>
    public const string OrderingClientId = "ordering";

    public const string CatalogStockScope = "catalog.stock";

    /// <summary>The ordering service's secret: the AppHost's generated parameter.</summary>
    public static async Task<string> OrderingSecretAsync(ShopAppFixture shop)
    {
        var model = shop.App.Services.GetRequiredService<DistributedApplicationModel>();
        return (await model.Resources.OfType<ParameterResource>().Single(p => p.Name == $"{OrderingClientId}-client-secret").GetValueAsync(default))!;
    }

    public static async Task<HttpResponseMessage> RequestOrderingTokenAsync(ShopAppFixture shop, string secret, string scope = CatalogStockScope)
    {
        using var client = shop.CreateStorefrontClient();
        return await Accounts.RequestTokenAsync(client,
            ("grant_type", "client_credentials"), ("client_id", OrderingClientId), ("client_secret", secret), ("scope", scope));
    }

    public static async Task<string> OrderingTokenAsync(ShopAppFixture shop)
    {
        using var response = await RequestOrderingTokenAsync(shop, await OrderingSecretAsync(shop));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>The catalog service itself (not through the storefront, which does not route /api/stock), as the ordering service.</summary>
    public static async Task<HttpClient> CatalogStockClientAsync(ShopAppFixture shop) =>
        shop.App.CreateHttpClient("catalog-api", "http").As(await OrderingTokenAsync(shop));
}
