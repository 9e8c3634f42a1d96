using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Shop.CatalogApi.Domain;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;
using SkiaSharp;

namespace Shop.Tests.Browser;

/// <summary>The product page in a real browser: its picture gallery, variant choice, and reviews.</summary>
[Collection(ShopCollection.Name)]
public sealed class ProductPageTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheGalleryAndTheVariantChoiceShowTheChosenPicturePriceAndStock()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var slug = $"gallery-jacket-{tag}";
        var product = await StaffCatalog.CreateAsync(staff, new
        {
            name = $"Gallery jacket {tag}",
            slug,
            description = "A jacket in two colours.",
            category = "tops",
            brand = "northwind",
            price = 5000,
            currency = "EUR",
            published = true,
            skus = new object[]
            {
                new { code = $"GAL-{tag}-NAVY".ToUpperInvariant(), options = new Dictionary<string, string> { ["colour"] = "navy" }, onHand = 9, weightGrams = 500 },
                new { code = $"GAL-{tag}-SAND".ToUpperInvariant(), options = new Dictionary<string, string> { ["colour"] = "sand" }, price = 5500, onHand = 2, weightGrams = 500 },
            },
        }, Cancellation);
        var id = product.GetProperty("id").GetGuid();
        await UploadAsync(staff, id, Picture(800, 600, SKEncodedImageFormat.Png), "image/png", "The jacket in navy, from the front");
        await UploadAsync(staff, id, Picture(600, 800, SKEncodedImageFormat.Jpeg), "image/jpeg", "The jacket in sand, from the back");
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/p/{slug}");

        var main = page.Locator("[data-gallery-main]");
        await Assertions.Expect(main).ToHaveAttributeAsync("alt", "The jacket in navy, from the front");
        // The browser picks the thumbnail or the original by the width it shows the picture at.
        await Assertions.Expect(main).ToHaveAttributeAsync("srcset", new Regex(@"/thumb 320w, \S+/original 800w$"));
        await Assertions.Expect(main).ToHaveAttributeAsync("sizes", new Regex("50vw"));
        var thumbnails = page.GetByRole(AriaRole.List, new() { Name = "Pictures" }).GetByRole(AriaRole.Link);
        await Assertions.Expect(thumbnails).ToHaveCountAsync(2);
        await Assertions.Expect(thumbnails.Nth(1).Locator("img")).ToHaveAttributeAsync("loading", "lazy");
        await Assertions.Expect(thumbnails.Nth(1).Locator("img")).ToHaveAttributeAsync("width", "240");

        // By keyboard: the second thumbnail, then Enter.
        await thumbnails.Nth(1).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(main).ToHaveAttributeAsync("alt", "The jacket in sand, from the back");
        await Assertions.Expect(thumbnails.Nth(1)).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(thumbnails.Nth(0)).Not.ToHaveAttributeAsync("aria-current", "true");

        var price = page.Locator("[data-variant-price]");
        await Assertions.Expect(price).ToHaveTextAsync("€50.00");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Colour sand" }).CheckAsync();
        await Assertions.Expect(price).ToHaveTextAsync("€55.00");
        await Assertions.Expect(page.Locator("[data-variant-summary]")).ToHaveTextAsync("Colour sand: Only 2 left");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Colour navy" }).CheckAsync();
        await Assertions.Expect(price).ToHaveTextAsync("€50.00");
        await Assertions.Expect(page.Locator("[data-variant-summary]")).ToHaveTextAsync("Colour navy: In stock");
        await Assertions.Expect(main).ToHaveAttributeAsync("alt", "The jacket in navy, from the front");

        // Without script a thumbnail is a link to the page with that picture large.
        using var client = shop.CreateStorefrontClient();
        var html = await client.GetStringAsync($"/p/{slug}?image=2", Cancellation);
        Assert.Matches("<img class=\"product-image gallery-main\"[^>]*alt=\"The jacket in sand, from the back\"", html);
    }

    [Fact]
    public async Task ReviewsArePagedAndAVerifiedBuyerWritesOneWhileOthersAreToldWhyNot()
    {
        var (productId, slug) = await AddProductWithReviewsAsync(ratings: [5, 4, 4, 3, 5, 3]);
        var buyer = Accounts.NewEmail();
        var buyerId = await Accounts.RegisterConfirmedAsync(shop, buyer, Cancellation);
        var other = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, other, Cancellation);
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            // What a delivered order records (tested with real orders in ReviewTests).
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "VerifiedPurchases" ("CustomerId", "ProductId", "OrderId", "DeliveredAt")
                VALUES ({buyerId.ToString()}, {productId}, {Guid.NewGuid()}, {DateTimeOffset.UtcNow})
                """, Cancellation);
        }

        await using var guestContext = await StorefrontBrowser.NewContextAsync(shop);
        var guest = await guestContext.NewPageAsync();
        await guest.GotoAsync($"/p/{slug}");
        var reviews = guest.GetByRole(AriaRole.Region, new() { Name = "Reviews" });
        await Assertions.Expect(guest.GetByRole(AriaRole.Link, new() { Name = "Rated 4.0 out of 5 (6 reviews)" })).ToBeVisibleAsync();
        await Assertions.Expect(reviews).ToContainTextAsync("4.0 out of 5 from 6 reviews");
        var list = reviews.GetByRole(AriaRole.List, new() { Name = "Reviews, newest first" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(list).ToHaveCountAsync(5);
        await Assertions.Expect(list.First).ToContainTextAsync("Review 1");
        await reviews.GetByRole(AriaRole.Navigation, new() { Name = "Review pages" }).GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(list).ToHaveCountAsync(1);
        await Assertions.Expect(list.First).ToContainTextAsync("Review 6");
        await Assertions.Expect(reviews.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(reviews.GetByRole(AriaRole.Button, new() { Name = "Post review" })).ToHaveCountAsync(0);

        await using var otherContext = await StorefrontBrowser.NewContextAsync(shop);
        var notABuyer = new Shopper(await otherContext.NewPageAsync());
        await notABuyer.SignInAsync(other, Accounts.Password);
        await notABuyer.Page.GotoAsync($"/p/{slug}");
        await WriteReviewAsync(notABuyer.Page, stars: 1, "Never got it", "I did not buy this.");
        await Assertions.Expect(notABuyer.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Only customers who received this product can review it.");
        await Assertions.Expect(notABuyer.Page.GetByLabel("Title")).ToHaveValueAsync("Never got it");
        await Assertions.Expect(notABuyer.Page.GetByLabel("Your review")).ToHaveValueAsync("I did not buy this.");

        await using var buyerContext = await StorefrontBrowser.NewContextAsync(shop);
        var verified = new Shopper(await buyerContext.NewPageAsync());
        await verified.SignInAsync(buyer, Accounts.Password);
        await verified.Page.GotoAsync($"/p/{slug}");
        await WriteReviewAsync(verified.Page, stars: 2, "", "Too short in the arms.");
        await Assertions.Expect(verified.Page.GetByLabel("Title")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(verified.Page.GetByLabel("Your review")).ToHaveValueAsync("Too short in the arms.");
        await WriteReviewAsync(verified.Page, stars: 2, "Runs small", "Too short in the arms.");

        await Assertions.Expect(verified.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "your review is published" })).ToBeVisibleAsync();
        var verifiedReviews = verified.Page.GetByRole(AriaRole.Region, new() { Name = "Reviews" });
        await Assertions.Expect(verifiedReviews).ToContainTextAsync("3.7 out of 5 from 7 reviews");
        await Assertions.Expect(verifiedReviews.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Runs small");
        await Assertions.Expect(verifiedReviews.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Rated 2 out of 5");

        await WriteReviewAsync(verified.Page, stars: 5, "Again", "A second go.");
        await Assertions.Expect(verified.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You have already reviewed this product.");
    }

    private static async Task WriteReviewAsync(IPage page, int stars, string title, string body)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = stars == 1 ? "1 star" : $"{stars} stars", Exact = true }).CheckAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Your review").FillAsync(body);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post review" }).ClickAsync();
    }

    /// <summary>
    /// A published product with reviews by other customers, newest first "Review 1", "Review 2" …, and its rating
    /// in step, written before anything reads (and caches) the product.
    /// </summary>
    private async Task<(Guid Id, string Slug)> AddProductWithReviewsAsync(int[] ratings)
    {
        var tag = StaffCatalog.NewTag();
        await using var db = await CatalogTestData.OpenAsync(shop);
        var category = await db.Categories.SingleAsync(c => c.Slug == "tops", Cancellation);
        var brand = await db.Brands.SingleAsync(b => b.Slug == "northwind", Cancellation);
        var product = new Product($"Reviewed tee {tag}", $"reviewed-tee-{tag}", "A tee with opinions.", category, brand, Money.Of(2500, "EUR"));
        product.Publish();
        db.Products.Add(product);
        db.Skus.Add(new Sku($"REV-{tag}".ToUpperInvariant(), product.Id, new() { ["size"] = "M" }, Money.Of(2500, "EUR"), null, 5, weightGrams: 200));
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < ratings.Length; i++)
        {
            db.Reviews.Add(new Review(product.Id, $"customer-{tag}-{i}", $"Reviewer {i + 1}", ratings[i], $"Review {i + 1}", "Worth it.", now.AddMinutes(-i - 1)));
        }

        db.AddIntegrationEvent(new ProductChanged(product.Id));
        await using var transaction = await db.Database.BeginTransactionAsync(Cancellation);
        await db.SaveChangesAsync(Cancellation);
        await db.Products.Where(p => p.Id == product.Id).ExecuteUpdateAsync(set => set
            .SetProperty(p => p.RatingCount, ratings.Length)
            .SetProperty(p => p.RatingSum, ratings.Sum()), Cancellation);
        await transaction.CommitAsync(Cancellation);
        return (product.Id, product.Slug);
    }

    private static async Task UploadAsync(HttpClient staff, Guid productId, byte[] bytes, string contentType, string alt)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { file, "file", "picture" }, { new StringContent(alt), "alt" } };
        using var uploaded = await staff.PostAsync($"/api/products/{productId}/images", form, Cancellation);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
    }

    private static byte[] Picture(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.DarkSlateBlue);
        }

        using var encoded = bitmap.Encode(format, 90);
        return encoded.ToArray();
    }
}
