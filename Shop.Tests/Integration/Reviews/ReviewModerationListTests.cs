using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.CatalogApi.Domain;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Reviews;

[Collection(ShopCollection.Name)]
public sealed class ReviewModerationListTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffListPendingApprovedAndHiddenReviewsNewestFirst()
    {
        var (productId, reviews) = await ReviewsAsync("Tidy", "Wobbly", "Superb");
        using var staff = await StaffCatalog.StaffClientAsync(shop);

        var pending = await ListAsync(staff, "status=pending&pageSize=3");
        Assert.Equal(["Superb", "Wobbly", "Tidy"], Titles(pending));
        var first = pending.GetProperty("items")[0];
        Assert.Equal(productId, first.GetProperty("productId").GetGuid());
        Assert.StartsWith("Test product", first.GetProperty("productName").GetString());
        Assert.Equal("Reviewer 3", first.GetProperty("author").GetString());
        Assert.Equal("pending", first.GetProperty("status").GetString());
        Assert.True(pending.GetProperty("total").GetInt64() >= 3);
        Assert.Equal(["Wobbly"], Titles(await ListAsync(staff, "pageSize=1&page=2")));

        using (await staff.PostAsync($"/api/reviews/{reviews[1]}/reject", null, Cancellation))
        using (await staff.PostAsync($"/api/reviews/{reviews[2]}/approve", null, Cancellation))
        {
        }

        Assert.Equal(["Tidy"], Titles(await ListAsync(staff, "status=pending&pageSize=1")));
        Assert.Equal("Wobbly", Titles(await ListAsync(staff, "status=hidden&pageSize=1")).Single());
        var approved = await ListAsync(staff, "status=approved&pageSize=1");
        Assert.Equal("Superb", Titles(approved).Single());
        Assert.Equal("approved", approved.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.True(approved.GetProperty("items")[0].TryGetProperty("moderatedAt", out var moderatedAt) && moderatedAt.ValueKind == JsonValueKind.String);

        // Approving a pending review leaves it published and counted once.
        using var shopper = shop.CreateStorefrontClient();
        var rating = (await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation)).GetProperty("rating");
        Assert.Equal(2, rating.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task OnlyStaffListReviewsAndBadFiltersAreFieldErrors()
    {
        using var anonymous = shop.CreateStorefrontClient();
        using var unauthorized = await anonymous.GetAsync("/api/reviews?status=pending", Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);

        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        using var forbidden = await asCustomer.GetAsync("/api/reviews?status=hidden", Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var staff = await StaffCatalog.StaffClientAsync(shop);
        using var bad = await staff.GetAsync("/api/reviews?status=spam&pageSize=500", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["pageSize", "status"], StaffCatalog.FieldErrors(await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).Order());
    }

    /// <summary>
    /// A new product with published reviews by different customers, one second apart, oldest first. They are dated a
    /// day ahead, so reviews other tests write meanwhile cannot come between them in the newest-first list.
    /// </summary>
    private async Task<(Guid ProductId, List<Guid> Reviews)> ReviewsAsync(params string[] titles)
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 10);
        var productId = (await CatalogTestData.SkuAsync(shop, sku)).ProductId;
        await using var db = await CatalogTestData.OpenAsync(shop);
        var now = DateTimeOffset.UtcNow.AddDays(1);
        var reviews = titles.Select((title, i) => new Review(productId, $"customer-{Guid.NewGuid():N}", $"Reviewer {i + 1}", 4, title,
            "Written for a moderation test.", now.AddSeconds(i - titles.Length))).ToList();
        db.Reviews.AddRange(reviews);
        await db.SaveChangesAsync(Cancellation);
        await Shop.CatalogApi.Reviews.ProductRatings.AdjustAsync(db, productId, reviews.Count, reviews.Sum(r => r.Rating), Cancellation);
        await db.SaveChangesAsync(Cancellation);
        return (productId, reviews.Select(r => r.Id).ToList());
    }

    private static async Task<JsonElement> ListAsync(HttpClient staff, string query) =>
        await staff.GetFromJsonAsync<JsonElement>($"/api/reviews?{query}", Cancellation);

    private static List<string?> Titles(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("title").GetString()).ToList();
}
