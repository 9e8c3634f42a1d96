using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Storefront;

/// <summary>What crawlers and plain HTTP clients get from the storefront's pages.</summary>
[Collection(ShopCollection.Name)]
public sealed partial class StorefrontPageTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AProductPageIsServerRenderedWithMetaCanonicalAndProductStructuredData()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop, price: 4200, onHand: 3, categorySlug: null, "S", "M");
        using var client = shop.CreateStorefrontClient();

        var html = await client.GetStringAsync($"/p/{product.Slug}", Cancellation);

        Assert.Matches($"<title>{product.Name} [^<]+ Shop</title>", html);
        Assert.Contains("<meta name=\"description\" content=\"A breathable linen shirt, made for a browser test.\"", html);
        Assert.Matches($"<link rel=\"canonical\" href=\"http://[^\"]+/p/{product.Slug}\"", html);
        Assert.Matches("<img [^>]*width=\"600\" height=\"600\"", html);
        var jsonLd = JsonLd().Match(html);
        Assert.True(jsonLd.Success, "No JSON-LD on the product page.");
        var data = JsonDocument.Parse(jsonLd.Groups["json"].Value).RootElement;
        Assert.Equal("Product", data.GetProperty("@type").GetString());
        Assert.Equal(product.Name, data.GetProperty("name").GetString());
        var offers = data.GetProperty("offers").EnumerateArray().ToList();
        Assert.Equal(product.Skus.Order(), offers.Select(o => o.GetProperty("sku").GetString()!).Order());
        Assert.All(offers, o => Assert.Equal("42.00", o.GetProperty("price").GetString()));
        Assert.All(offers, o => Assert.Equal("https://schema.org/InStock", o.GetProperty("availability").GetString()));
    }

    [Fact]
    public async Task TheSitemapListsCategoriesAndProductsAndCategoryListingsLazyLoadImages()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        using var client = shop.CreateStorefrontClient();

        using var sitemap = await client.GetAsync("/sitemap.xml", Cancellation);
        Assert.Equal("application/xml", sitemap.Content.Headers.ContentType?.MediaType);
        // The storefront keeps the category tree for up to 30 s, so a category this new may take that long to appear.
        var xml = await Eventually.WaitForAsync(() => client.GetStringAsync("/sitemap.xml", Cancellation),
            x => x.Contains($"/c/{product.CategorySlug}</loc>"), TimeSpan.FromSeconds(45));
        var listing = await client.GetStringAsync($"/c/{product.CategorySlug}?sort=newest", Cancellation);

        Assert.Contains($"/p/{product.Slug}</loc>", xml);
        Assert.Contains($"/c/{product.CategorySlug}</loc>", xml);
        Assert.Contains($"href=\"/p/{product.Slug}\"", listing);
        Assert.Matches("<img [^>]*loading=\"lazy\"", listing);
    }

    [Fact]
    public async Task ListingFiltersNarrowTheProductsByBrandPriceAndStock()
    {
        var cheap = await StoreTestData.AddProductWithSizesAsync(shop, price: 1100);
        var category = cheap.CategorySlug;
        var dear = await StoreTestData.AddProductWithSizesAsync(shop, price: 9900, categorySlug: category);
        var soldOut = await StoreTestData.AddProductWithSizesAsync(shop, price: 1200, onHand: 0, categorySlug: category);
        var otherBrandSlug = await StoreTestData.OtherBrandSlugAsync(shop, cheap);
        using var client = shop.CreateStorefrontClient();

        var underTwenty = await client.GetStringAsync($"/c/{category}?max=20&sort=price-asc", Cancellation);
        var inStockUnderTwenty = await client.GetStringAsync($"/c/{category}?max=20&stock=1", Cancellation);
        var otherBrand = await client.GetStringAsync($"/c/{category}?brand={otherBrandSlug}", Cancellation);
        var sameBrand = await client.GetStringAsync($"/c/{category}?brand={cheap.BrandSlug}&sort=price-desc", Cancellation);

        Assert.Contains(cheap.Slug, underTwenty);
        Assert.Contains(soldOut.Slug, underTwenty);
        Assert.DoesNotContain(dear.Slug, underTwenty);
        Assert.Contains(cheap.Slug, inStockUnderTwenty);
        Assert.DoesNotContain(soldOut.Slug, inStockUnderTwenty);
        Assert.Contains("No products match these filters.", otherBrand);
        Assert.True(sameBrand.IndexOf(dear.Slug, StringComparison.Ordinal) < sameBrand.IndexOf(cheap.Slug, StringComparison.Ordinal),
            "Sorted by price, highest first.");
        Assert.True(underTwenty.IndexOf(cheap.Slug, StringComparison.Ordinal) < underTwenty.IndexOf(soldOut.Slug, StringComparison.Ordinal),
            "Sorted by price, lowest first.");
    }

    [Fact]
    public async Task BasketFormsRefuseAPostWithoutTheAntiforgeryToken()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        using var client = shop.CreateStorefrontClient();

        using var response = await client.PostAsync("/basket/add",
            new FormUrlEncodedContent([KeyValuePair.Create("Sku", product.Skus[0]), KeyValuePair.Create("Quantity", "1")]), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("shop.basket", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOutRefusesAPostWithoutTheAntiforgeryToken()
    {
        using var client = shop.CreateStorefrontClient();

        using var response = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheBackOfficeSendsAnonymousVisitorsToSignIn()
    {
        using var client = shop.App.CreateHttpClient("webapp", "http");
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin"), Cancellation);

        Assert.Equal("/account/sign-in", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("returnUrl=%2Fadmin", response.RequestMessage.RequestUri.Query, StringComparison.OrdinalIgnoreCase);
    }

    // Blazor writes the "+" of the type as a character reference, which HTML parsers (and crawlers) read as "+".
    [Fact]
    public async Task HeadIsAnsweredLikeGetWithoutABody()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        using var client = shop.CreateStorefrontClient();

        // Uptime monitors and link checkers ask with HEAD; pages used to answer it with 405.
        foreach (var path in new[] { "/", $"/p/{product.Slug}", $"/c/{product.CategorySlug}", "/robots.txt" })
        {
            using var get = await client.GetAsync(path, Cancellation);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), Cancellation);

            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancellation));
        }

        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/p/no-such-{Guid.NewGuid():N}"), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [GeneratedRegex("<script type=\"application/ld(\\+|&#x2B;)json\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();
}
