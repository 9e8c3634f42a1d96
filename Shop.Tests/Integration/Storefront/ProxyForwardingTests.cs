using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Storefront;

/// <summary>
/// The storefront's proxy sends the services only the forwarding headers they read (X-Forwarded-For and -Proto) on
/// /api calls; the OpenAPI documents still get the forwarded host, so they name the storefront, not the service behind it.
/// A recorded call's forward is a client span of .NET's HttpClient in the storefront, in the same trace as the service.
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

    [Fact]
    public async Task ARecordedForwardIsAnHttpClientSpanNamingTheServiceUrl()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var client = shop.CreateStorefrontClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/categories");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        var forwards = await Eventually.WaitForAsync(
            () => Task.FromResult(shop.Traces.Spans.Where(s => s.TraceId == traceId && s.ServiceName == "webapp" && s.Scope == "System.Net.Http").ToList()),
            found => found.Count > 0, TimeSpan.FromSeconds(30));

        var forward = Assert.Single(forwards);
        Assert.Equal("GET", forward.Attributes["http.request.method"]);
        Assert.EndsWith("/api/categories", forward.Attributes["url.full"], StringComparison.Ordinal);
        Assert.NotEqual(client.BaseAddress!.Authority, new Uri(forward.Attributes["url.full"]).Authority);
    }
}
