using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.OrderingApi.Domain.Promotions;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Ordering;

[Collection(ShopCollection.Name)]
public sealed class PromotionTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APreviewShowsTheDiscountACodeGives()
    {
        var code = await AddPromotionAsync(p => new Promotion(p, "15 % off", DiscountKind.Percentage, 1500, "EUR", 2000, null, null, null, null));
        using var client = shop.CreateStorefrontClient();

        var preview = await client.GetFromJsonAsync<JsonElement>($"/api/promotions/{code.ToLowerInvariant()}/preview?subtotal=10000&currency=EUR", Cancellation);

        Assert.Equal(1500, preview.GetProperty("discount").GetProperty("amount").GetInt64());
    }

    [Theory]
    [InlineData(1000, "at least")]
    [InlineData(10000, "expired")]
    public async Task APreviewExplainsWhyACodeDoesNotApply(long subtotal, string reason)
    {
        var now = DateTimeOffset.UtcNow;
        var expires = reason == "expired" ? now.AddDays(-1) : now.AddDays(1);
        var code = await AddPromotionAsync(p => new Promotion(p, "", DiscountKind.FixedAmount, 500, "EUR", 2000, now.AddDays(-2), expires, null, null));
        using var client = shop.CreateStorefrontClient();

        using var response = await client.GetAsync($"/api/promotions/{code}/preview?subtotal={subtotal}&currency=EUR", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("code", error.GetProperty("name").GetString());
        Assert.Contains(reason, error.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AnUnknownCodeIsAFieldError()
    {
        using var client = shop.CreateStorefrontClient();
        using var response = await client.GetAsync("/api/promotions/NO-SUCH-CODE/preview?subtotal=100&currency=EUR", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ManagingPromotionsNeedsStaff()
    {
        using var client = shop.CreateStorefrontClient();

        using var list = await client.GetAsync("/api/promotions", Cancellation);
        using var create = await client.PostAsJsonAsync("/api/promotions",
            new { code = "FREE", kind = "percentage", value = 10_000, currency = "EUR" }, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
    }

    [Fact]
    public async Task TimesWrittenWithAnOffsetAreKeptAsTheSameInstants()
    {
        using var staff = shop.CreateStorefrontClient().As((await Accounts.AdminAsync(shop)).AccessToken);
        var code = "OFFSET" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        using var created = await staff.PostAsJsonAsync("/api/promotions", new
        {
            code, description = "Summer", kind = "percentage", value = 1000, currency = "EUR",
            validFrom = "2026-06-01T00:00:00+02:00", validUntil = "2026-07-01T00:00:00-05:00",
        }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var promotion = await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(DateTimeOffset.Parse("2026-05-31T22:00:00Z"), promotion.GetProperty("validFrom").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-07-01T05:00:00Z"), promotion.GetProperty("validUntil").GetDateTimeOffset());

        using var orders = await staff.GetAsync("/api/orders/all?from=2026-01-01T00:00:00%2B02:00&to=2099-01-01T00:00:00-05:00", Cancellation);
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
    }

    private async Task<string> AddPromotionAsync(Func<string, Promotion> create)
    {
        var code = "TEST" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var db = await OrderingTestData.OpenAsync(shop);
        db.Promotions.Add(create(code));
        await db.SaveChangesAsync(Cancellation);
        return code;
    }
}
