using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Storefront;

namespace Shop.Tests.Integration.BackOffice;

/// <summary>The back office's review moderation page, used as a staff member's browser uses it.</summary>
[Collection(ShopCollection.Name)]
public sealed class ReviewModerationPageTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffHideAPendingReviewAndShowItAgainFromThePage()
    {
        var tag = StaffCatalog.NewTag();
        var (productId, reviewId) = await ReviewAsync($"Fits <well> {tag}");
        using var staff = await StaffAsync();
        using var api = await StaffCatalog.StaffClientAsync(shop);

        // Pending is the default; what the buyer typed is shown as text, never as markup.
        var pending = await staff.GetStringAsync("/admin/reviews", Cancellation);
        Assert.Contains($"Fits &lt;well&gt; {tag}", pending);
        Assert.Contains($"href=\"/admin/products/{productId}\"", pending);

        using (var hidden = await PostAsync(staff, "/admin/reviews", "Moderate.Hide", reviewId.ToString()))
        {
            Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
            Assert.Equal("/admin/reviews?status=pending&page=1", hidden.Headers.Location?.PathAndQuery);
        }

        var afterHiding = await staff.GetStringAsync("/admin/reviews", Cancellation);
        Assert.Contains("Review hidden", afterHiding);
        Assert.DoesNotContain(tag, afterHiding);
        Assert.Contains(reviewId, await IdsAsync(api, "hidden"));
        Assert.Equal(0, await RatingCountAsync(productId));

        const string hiddenPage = "/admin/reviews?status=hidden";
        Assert.Contains(tag, await staff.GetStringAsync(hiddenPage, Cancellation));
        using (var shown = await PostAsync(staff, hiddenPage, "Moderate.Approve", reviewId.ToString()))
        {
            Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
            Assert.Equal("/admin/reviews?status=hidden&page=1", shown.Headers.Location?.PathAndQuery);
        }

        Assert.DoesNotContain(reviewId, await IdsAsync(api, "hidden"));
        Assert.Contains(reviewId, await IdsAsync(api, "approved"));
        Assert.Equal(1, await RatingCountAsync(productId));
    }

    [Fact]
    public async Task ARefusedActionShowsTheServicesReasonAndBadQueryValuesListPendingReviews()
    {
        using var staff = await StaffAsync();

        // A review that does not exist (deleted meanwhile, an edited post): the catalog's 404, said on the page.
        using (var missing = await PostAsync(staff, "/admin/reviews", "Moderate.Approve", Guid.NewGuid().ToString()))
        {
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            Assert.Contains("We could not find that.", await missing.Content.ReadAsStringAsync(Cancellation));
        }

        using (var bad = await staff.GetAsync("/admin/reviews?page=abc&status=zzz", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Matches(@"role=""status"">\d+ pending review", await bad.Content.ReadAsStringAsync(Cancellation));
        }

        // Past the catalog's last page: its field error, not a 500.
        using var far = await staff.GetAsync("/admin/reviews?page=99999999", Cancellation);
        Assert.Equal(HttpStatusCode.OK, far.StatusCode);
        Assert.Contains("role=\"alert\"", await far.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task ACustomerCannotOpenThePage()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        using var customer = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        await StorefrontForms.SignInAsync(customer, email, Accounts.Password, Cancellation);

        // As every back-office page: the session's forbidden answer sends the browser to the 403 page.
        using var page = await customer.GetAsync("/admin/reviews", Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/access-denied", page.Headers.Location!.AbsolutePath);
        using var denied = await customer.GetAsync(page.Headers.Location, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    /// <summary>A new product with one published review, written by a customer who bought and received it.</summary>
    private async Task<(Guid ProductId, Guid ReviewId)> ReviewAsync(string title)
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 10, price: 2500);
        var productId = (await CatalogTestData.SkuAsync(shop, sku)).ProductId;
        var buyer = await Buyers.BuyAndReceiveAsync(shop, sku, Cancellation);
        using var asBuyer = shop.CreateStorefrontClient().As(buyer.AccessToken);
        using var created = await asBuyer.PostAsJsonAsync($"/api/products/{productId}/reviews",
            new { rating = 3, title, body = "Written for the moderation page." }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, await RatingCountAsync(productId));
        return (productId, (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid());
    }

    /// <summary>Posts the moderation form as pressing one of its buttons does: the button's name and value, with the page's hidden fields.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient staff, string page, string button, string value)
    {
        var form = await StorefrontForms.FormFieldsAsync(staff, page, "moderate", Cancellation);
        form[button] = value;
        return await staff.PostAsync(page, new FormUrlEncodedContent(form), Cancellation);
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient api, string status) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/reviews?status={status}&pageSize=100", Cancellation))
        .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();

    private async Task<int> RatingCountAsync(Guid productId)
    {
        using var shopper = shop.CreateStorefrontClient();
        return (await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation)).GetProperty("rating").GetProperty("count").GetInt32();
    }

    private async Task<HttpClient> StaffAsync()
    {
        var client = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        await StorefrontForms.SignInAsync(client, "admin@shop.local", await Accounts.AdminPasswordAsync(shop), Cancellation);
        return client;
    }
}
