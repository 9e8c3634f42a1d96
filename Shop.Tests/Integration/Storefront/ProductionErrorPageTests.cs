using System.Net;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Storefront;

/// <summary>
/// In Production the storefront answers what is not a page (a refused form, an address with no page) with an HTML
/// page that says what happened and what to do next, with the answer's own status.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ProductionErrorPageTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InProductionTheStorefrontAnswersARefusedFormWith400AndAPageSayingWhatToDo()
    {
        var host = shop.App.GetEndpoint("webapp", "http").Host;
        await using var storefront = await SecondInstance.StartAsync(shop, "webapp", host, Cancellation, hostingEnvironment: "Production");
        using var client = new HttpClient { BaseAddress = storefront.Url };

        // Refused by the endpoint itself, by form binding, and by the form reader (a value over its length limit).
        using var signOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]), Cancellation);
        using var withoutToken = await client.PostAsync("/basket/add", new FormUrlEncodedContent([KeyValuePair.Create("Sku", "SKU-1")]), Cancellation);
        using var oversized = await client.PostAsync("/basket/add", new FormUrlEncodedContent([KeyValuePair.Create("Sku", new string('a', 5_000_000))]), Cancellation);

        foreach (var refused in new[] { signOut, withoutToken, oversized })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
            var page = await refused.Content.ReadAsStringAsync(Cancellation);
            Assert.Contains("<h1>We could not accept that</h1>", page);
            Assert.Contains("reload the page and try again", page);
        }
    }

    [Fact]
    public async Task InProductionTheStorefrontAnswersAnAddressWithNoPageWithTheNotFoundPage()
    {
        var host = shop.App.GetEndpoint("webapp", "http").Host;
        await using var storefront = await SecondInstance.StartAsync(shop, "webapp", host, Cancellation, hostingEnvironment: "Production");
        using var client = new HttpClient { BaseAddress = storefront.Url };

        // The error page itself is no page to ask for by its address.
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/no-such-page"), (HttpMethod.Post, "/no-such-page"), (HttpMethod.Get, "/error"), (HttpMethod.Get, "/error/500") })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, path), Cancellation);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("<h1>Page not found</h1>", await response.Content.ReadAsStringAsync(Cancellation));
        }
    }
}
