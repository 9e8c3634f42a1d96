using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Storefront;

/// <summary>Stylesheets and scripts go out compressed at build time, under URLs that name their content.</summary>
[Collection(ShopCollection.Name)]
public sealed partial class StaticAssetTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br, gzip", "br")]
    public async Task TheStylesheetIsServedCompressedAndCachedForGood(string acceptEncoding, string expected)
    {
        using var client = shop.CreateStorefrontClient();
        var home = await client.GetStringAsync("/", Cancellation);
        var stylesheet = Stylesheet().Match(home);
        Assert.True(stylesheet.Success, "The home page links no stylesheet.");
        // The fingerprint in the name is what lets browsers keep it for a year.
        Assert.Matches(@"^/?app\.[a-z0-9]+\.css$", stylesheet.Groups["href"].Value);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + stylesheet.Groups["href"].Value.TrimStart('/'));
        request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
        var compressed = await response.Content.ReadAsByteArrayAsync(Cancellation);
        var css = Decompress(compressed, expected);
        Assert.Contains("{", css);
        // Really compressed, not a stored (level 0) stream with a compression header.
        Assert.True(compressed.Length * 2 < css.Length, $"{compressed.Length} bytes sent for {css.Length} bytes of CSS.");
    }

    [Fact]
    public async Task WithoutAcceptEncodingTheStylesheetIsPlain()
    {
        using var client = shop.CreateStorefrontClient();
        var home = await client.GetStringAsync("/", Cancellation);
        var href = Stylesheet().Match(home).Groups["href"].Value;

        using var response = await client.GetAsync("/" + href.TrimStart('/'), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("{", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task PagesAreNotCompressedSinceTheyCarrySecretsBesideWhatVisitorsType()
    {
        using var client = shop.CreateStorefrontClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/search?q=secret");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private static string Decompress(byte[] bytes, string encoding)
    {
        using Stream source = new MemoryStream(bytes);
        using Stream decoder = encoding == "br" ? new BrotliStream(source, CompressionMode.Decompress) : new GZipStream(source, CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex Stylesheet();
}
