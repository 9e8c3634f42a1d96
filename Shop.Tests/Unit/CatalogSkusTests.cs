using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shop.BasketApi.Baskets;
using Shop.BasketApi.Catalog;

namespace Shop.Tests.Unit;

public sealed class CatalogSkusTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASkuTheCatalogLeavesOutIsNoneAndWhatWasKeptAboutItGoes()
    {
        using var snapshots = new SkuSnapshots(Options.Create(new BasketSettings()), TimeProvider.System);
        snapshots.Keep(new SkuInfo("TEE-S", Guid.NewGuid(), "Tee", null, 2500, "EUR", Available: 5, IsPublished: true, WeightGrams: 300), snapshots.Mark());
        // The product was unpublished and its event missed: the catalog now answers shoppers without the SKU.
        var catalog = new HttpCatalogSkus(new Answering("[]"), snapshots, NullLogger<HttpCatalogSkus>.Instance);

        var exact = await catalog.GetAsync(["TEE-S"], Cancellation);

        Assert.Null(Assert.Single(exact));
        Assert.False(snapshots.TryGet("TEE-S", out _, out _));
        Assert.Null(Assert.Single(await catalog.GetRecentAsync(["TEE-S"], Cancellation)));
    }

    /// <summary>A catalog that answers every lookup with the same JSON.</summary>
    private sealed class Answering(string json) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Handler(json)) { BaseAddress = new("http://catalog") };

        private sealed class Handler(string json) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }
}
