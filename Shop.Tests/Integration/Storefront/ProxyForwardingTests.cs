using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Storefront;

/// <summary>
/// The storefront's proxy sends the services only the forwarding headers they read (X-Forwarded-For and -Proto) on
/// /api calls; the OpenAPI documents still get the forwarded host, so they name the storefront, not the service behind it.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ProxyForwardingTests(ShopAppFixture shop)
{
    [Fact]
    public async Task ApiDocumentsThroughTheStorefrontNameTheStorefrontAsTheirServer()
    {
        using var client = shop.CreateStorefrontClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/catalog.json", TestContext.Current.CancellationToken);

        var servers = document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Contains(servers, url => url is not null && new Uri(url).Authority == client.BaseAddress!.Authority);
    }
}
