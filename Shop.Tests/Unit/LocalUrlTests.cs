using Shop.WebApp.Api;

namespace Shop.Tests.Unit;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/basket")]
    [InlineData("/search?q=tee&page=2")]
    public void ThisSitesOwnPathIsKept(string url) => Assert.Equal(url, LocalUrl.OrDefault(url, "/fallback"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")] // "//evil.example" once a browser drops the tab
    [InlineData("/\r\n/evil.example")]
    [InlineData("/basket\u007f")]
    [InlineData("basket")]
    public void AnythingElseIsTheFallback(string? url) => Assert.Equal("/fallback", LocalUrl.OrDefault(url, "/fallback"));
}
