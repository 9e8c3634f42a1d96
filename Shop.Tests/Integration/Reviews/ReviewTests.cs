using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.CatalogApi.Data.Migrations;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Messaging;

namespace Shop.Tests.Integration.Reviews;

[Collection(ShopCollection.Name)]
public sealed class ReviewTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABuyerReviewsOnceAndTheProductShowsTheRating()
    {
        var (sku, productId) = await NewProductAsync();
        var buyer = await Buyers.BuyAndReceiveAsync(shop, sku, Cancellation);
        using var asBuyer = shop.CreateStorefrontClient().As(buyer.AccessToken);

        using var created = await asBuyer.PostAsJsonAsync($"/api/products/{productId}/reviews",
            new { rating = 4, title = "Sturdy", body = "Survived a wet week in the hills." }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var review = await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("published", review.GetProperty("status").GetString());

        using var again = await asBuyer.PostAsJsonAsync($"/api/products/{productId}/reviews",
            new { rating = 1, title = "Changed my mind", body = "Second thoughts." }, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-reviewed", (await again.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("code").GetString());

        using var anonymous = shop.CreateStorefrontClient();
        var listed = await anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{productId}/reviews", Cancellation);
        var shown = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("Sturdy", shown.GetProperty("title").GetString());
        Assert.Equal(4, shown.GetProperty("rating").GetInt32());
        // The buyer chose no display name: the review names no one, never the buyer's email.
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("author").ValueKind);
        Assert.Equal(1, listed.GetProperty("total").GetInt64());

        var product = await anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation);
        Assert.Equal(1, product.GetProperty("rating").GetProperty("count").GetInt32());
        Assert.Equal(4.0, product.GetProperty("rating").GetProperty("average").GetDouble());

        var mine = await asBuyer.GetFromJsonAsync<JsonElement>("/api/reviews/mine", Cancellation);
        var own = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal(productId, own.GetProperty("productId").GetGuid());
        Assert.Equal("Survived a wet week in the hills.", own.GetProperty("body").GetString());
        Assert.Equal("published", own.GetProperty("status").GetString());
        Assert.True(own.TryGetProperty("createdAt", out _));
    }

    [Fact]
    public async Task OnlyVerifiedBuyersMayReviewAndBadReviewsAreFieldErrors()
    {
        var (_, productId) = await NewProductAsync();
        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        var good = new { rating = 5, title = "Great", body = "Never bought it, though." };

        using var notBuyer = await asCustomer.PostAsJsonAsync($"/api/products/{productId}/reviews", good, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, notBuyer.StatusCode);
        Assert.Equal("not-a-verified-buyer", (await notBuyer.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("code").GetString());

        using var anonymous = shop.CreateStorefrontClient();
        using var signedOut = await anonymous.PostAsJsonAsync($"/api/products/{productId}/reviews", good, Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);

        using var bad = await asCustomer.PostAsJsonAsync($"/api/products/{productId}/reviews",
            new { rating = 6, title = "", body = new string('x', 4001) }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var fields = (await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("rating", fields);
        Assert.Contains("title", fields);
        Assert.Contains("body", fields);

        // A zero-width space or a word joiner alone would publish a review that shows nothing.
        using var invisible = await asCustomer.PostAsJsonAsync($"/api/products/{productId}/reviews",
            new { rating = 5, title = "\u200B", body = "\u2060 \u200B" }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, invisible.StatusCode);
        Assert.Equal(["title", "body"], (await invisible.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList());

        using var unknown = await asCustomer.GetAsync($"/api/products/{Guid.NewGuid()}/reviews", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var mine = await asCustomer.GetFromJsonAsync<JsonElement>("/api/reviews/mine", Cancellation);
        Assert.Empty(mine.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AReviewSentAsItsAuthorIsErasedIsNotSavedWithTheirName()
    {
        var (sku, productId) = await NewProductAsync();
        var buyer = await Buyers.BuyAndReceiveAsync(shop, sku, Cancellation);
        var customerId = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(buyer.AccessToken).Subject;
        using var asBuyer = shop.CreateStorefrontClient().As(buyer.AccessToken);

        // The erasure's handler holds the person's lock while it forgets what they bought; the review arrives meanwhile.
        await using var erasure = await CatalogTestData.OpenAsync(shop);
        await using var transaction = await erasure.Database.BeginTransactionAsync(Cancellation);
        await erasure.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Shop.CatalogApi.Data.AdvisoryLocks.CustomerErasure}, hashtext({customerId}))", Cancellation);
        var posted = asBuyer.PostAsJsonAsync($"/api/products/{productId}/reviews",
            new { rating = 5, title = "Lovely", body = "Sent as I deleted my account." }, Cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        await erasure.VerifiedPurchases.Where(p => p.CustomerId == customerId).ExecuteDeleteAsync(Cancellation);
        await transaction.CommitAsync(Cancellation);

        using var answer = await posted;
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.False(await erasure.Reviews.AnyAsync(r => r.AuthorId == customerId, Cancellation));
    }

    [Fact]
    public async Task StaffHideAReviewAndItLeavesTheRatingUntilApprovedAgain()
    {
        var (sku, productId) = await NewProductAsync();
        var buyer = await Buyers.BuyAndReceiveAsync(shop, sku, Cancellation);
        using var asBuyer = shop.CreateStorefrontClient().As(buyer.AccessToken);
        using var created = await asBuyer.PostAsJsonAsync($"/api/products/{productId}/reviews",
            new { rating = 2, title = "Meh", body = "Buy the other one." }, Cancellation);
        var reviewId = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();

        using var byCustomer = await asBuyer.PostAsync($"/api/reviews/{reviewId}/reject", null, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);

        var admin = await Accounts.AdminAsync(shop);
        using var asStaff = shop.CreateStorefrontClient().As(admin.AccessToken);
        using var rejected = await asStaff.PostAsync($"/api/reviews/{reviewId}/reject", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        using var rejectedTwice = await asStaff.PostAsync($"/api/reviews/{reviewId}/reject", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, rejectedTwice.StatusCode);

        using var anonymous = shop.CreateStorefrontClient();
        Assert.Empty((await anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{productId}/reviews", Cancellation)).GetProperty("items").EnumerateArray());
        var hidden = await anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation);
        Assert.Equal(0, hidden.GetProperty("rating").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("rating").GetProperty("average").ValueKind);
        var mine = await asBuyer.GetFromJsonAsync<JsonElement>("/api/reviews/mine", Cancellation);
        Assert.Equal("rejected", Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());

        using var approved = await asStaff.PostAsync($"/api/reviews/{reviewId}/approve", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation);
        Assert.Equal(1, shown.GetProperty("rating").GetProperty("count").GetInt32());
        Assert.Equal(2.0, shown.GetProperty("rating").GetProperty("average").GetDouble());

        using var missing = await asStaff.PostAsync($"/api/reviews/{Guid.NewGuid()}/approve", null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AnErasedAuthorsReviewsStayAnonymousAndKeepCounting()
    {
        var (sku, productId) = await NewProductAsync();
        var buyer = await Buyers.BuyAndReceiveAsync(shop, sku, Cancellation);
        using var asBuyer = shop.CreateStorefrontClient().As(buyer.AccessToken);
        using var created = await asBuyer.PostAsJsonAsync($"/api/products/{productId}/reviews",
            new { rating = 5, title = "Lovely", body = "Would buy again." }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var userId = SubjectOf(buyer.AccessToken);

        // The identity service announces erasures; here the test plays its part on the real broker.
        await using (var identity = await MessagingTestHost.StartAsync(shop, _ => { }, Cancellation))
        {
            await identity.Services.GetRequiredService<IEventPublisher>().PublishAsync(new UserErased(userId, "erased@example.com"), Cancellation);
        }

        var mine = await Eventually.WaitForAsync(
            () => asBuyer.GetFromJsonAsync<JsonElement>("/api/reviews/mine", Cancellation),
            reviews => reviews.GetProperty("items").GetArrayLength() == 0);
        Assert.Empty(mine.GetProperty("items").EnumerateArray());

        using var anonymous = shop.CreateStorefrontClient();
        var listed = await anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{productId}/reviews", Cancellation);
        var kept = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("Lovely", kept.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("author").ValueKind);
        var product = await anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation);
        Assert.Equal(1, product.GetProperty("rating").GetProperty("count").GetInt32());
    }

    /// <summary>The account id in an access token, as every service reads it.</summary>
    private static string SubjectOf(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("sub").GetString()!;
    }

    [Fact]
    public async Task TheMigrationClearsAuthorNamesThatAreEmailsAndKeepsTheReviews()
    {
        var (_, productId) = await NewProductAsync();
        await using var db = await CatalogTestData.OpenAsync(shop);
        // As reviews were stored before: the name straight from the token, which could be the buyer's email.
        string[] names = ["jo@example.com", "Jo Bloggs", "Jo @ home"];
        foreach (var name in names)
        {
            await db.Database.ExecuteSqlAsync($$"""
                INSERT INTO "Reviews" ("Id", "ProductId", "AuthorId", "AuthorName", "Rating", "Title", "Body", "Status", "CreatedAt")
                VALUES ({{Guid.CreateVersion7()}}, {{productId}}, {{Guid.NewGuid().ToString()}}, {{name}}, 4, 'Fine', 'Does the job.', 'Published', now())
                """, Cancellation);
        }

        await db.Database.ExecuteSqlRawAsync(ClearEmailReviewAuthors.Sql, Cancellation);

        var authors = await db.Reviews.AsNoTracking().Where(r => r.ProductId == productId).Select(r => r.AuthorName).ToListAsync(Cancellation);
        Assert.Equal(3, authors.Count);
        Assert.Equal(["Jo @ home", "Jo Bloggs"], authors.OfType<string>().Order());
    }

    private async Task<(string Sku, Guid ProductId)> NewProductAsync()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 10, price: 2500);
        return (sku, (await CatalogTestData.SkuAsync(shop, sku)).ProductId);
    }
}
