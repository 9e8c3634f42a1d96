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
        var colours = page.GetByRole(AriaRole.Group, new() { Name = "Colour" });
        await colours.GetByRole(AriaRole.Radio, new() { Name = "sand", Exact = true }).CheckAsync();
        await Assertions.Expect(price).ToHaveTextAsync("€55.00");
        await Assertions.Expect(page.Locator("[data-variant-summary]")).ToHaveTextAsync("Colour sand: Only 2 left");
        await colours.GetByRole(AriaRole.Radio, new() { Name = "navy", Exact = true }).CheckAsync();
        await Assertions.Expect(price).ToHaveTextAsync("€50.00");
        await Assertions.Expect(page.Locator("[data-variant-summary]")).ToHaveTextAsync("Colour navy: In stock");
        await Assertions.Expect(main).ToHaveAttributeAsync("alt", "The jacket in navy, from the front");

        // Without script a thumbnail is a link to the page with that picture large.
        using var client = shop.CreateStorefrontClient();
        var html = await client.GetStringAsync($"/p/{slug}?image=2", Cancellation);
        Assert.Matches("<img class=\"product-image gallery-main\"[^>]*alt=\"The jacket in sand, from the back\"", html);
        // And a link to the sand variant opens on its picture.
        var sand = await client.GetStringAsync($"/p/{slug}?sku=GAL-{tag.ToUpperInvariant()}-SAND", Cancellation);
        Assert.Matches("<img class=\"product-image gallery-main\"[^>]*alt=\"The jacket in sand, from the back\"", sand);
    }

    [Fact]
    public async Task SizeAndColourArePickedApartAndImpossibleOrSoldOutChoicesAreDisabledWithTheReason()
    {
        var (slug, codes) = await AddSizesAndColoursAsync();
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/p/{slug}");

        var sizes = page.GetByRole(AriaRole.Group, new() { Name = "Size" });
        var colours = page.GetByRole(AriaRole.Group, new() { Name = "Colour" });
        var price = page.Locator("[data-variant-price]");
        var was = page.Locator("[data-variant-was]");
        var summary = page.Locator("[data-variant-summary]");
        await Assertions.Expect(sizes.GetByRole(AriaRole.Radio)).ToHaveCountAsync(3);
        // Sizes in size order, not the catalog's: S M L. L is shown, disabled, and says why.
        var sizeRadios = sizes.GetByRole(AriaRole.Radio);
        await Assertions.Expect(sizeRadios.Nth(0)).ToHaveAccessibleNameAsync("S");
        await Assertions.Expect(sizeRadios.Nth(1)).ToHaveAccessibleNameAsync("M");
        await Assertions.Expect(sizeRadios.Nth(2)).ToHaveAccessibleNameAsync("L (sold out)");
        await Assertions.Expect(sizes.GetByRole(AriaRole.Radio, new() { Name = "L (sold out)" })).ToBeDisabledAsync();
        // The first variant in stock is chosen: S in blue, which has a "was" price and two left.
        await Assertions.Expect(sizes.GetByRole(AriaRole.Radio, new() { Name = "S", Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(colours.GetByRole(AriaRole.Radio, new() { Name = "blue", Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(price).ToHaveTextAsync("€32.00");
        await Assertions.Expect(was).ToBeVisibleAsync();
        await Assertions.Expect(was).ToHaveTextAsync("was €40.00");
        await Assertions.Expect(summary).ToHaveTextAsync("Size S, Colour blue: Only 2 left");

        await colours.GetByRole(AriaRole.Radio, new() { Name = "red", Exact = true }).CheckAsync();
        await Assertions.Expect(price).ToHaveTextAsync("€30.00");
        await Assertions.Expect(was).ToBeHiddenAsync();
        await Assertions.Expect(summary).ToHaveTextAsync("Size S, Colour red: In stock");

        // By keyboard: the arrow moves from S to M; M comes only in red, so blue is disabled and says why.
        await sizes.GetByRole(AriaRole.Radio, new() { Name = "S", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(sizes.GetByRole(AriaRole.Radio, new() { Name = "M", Exact = true })).ToBeCheckedAsync();
        var blue = colours.GetByRole(AriaRole.Radio, new() { Name = "blue (not made in size M)" });
        await Assertions.Expect(blue).ToBeDisabledAsync();
        await Assertions.Expect(colours.GetByRole(AriaRole.Radio, new() { Name = "red", Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(summary).ToHaveTextAsync("Size M, Colour red: Only 4 left");
        await Assertions.Expect(page.Locator("[data-variant-sku]")).ToHaveValueAsync(codes["M-red"]);
        Assert.EndsWith($"?sku={codes["M-red"]}", page.Url);

        // Back to S, where blue comes again, and into the basket: the SKU chosen is the one added.
        await sizes.GetByRole(AriaRole.Radio, new() { Name = "S", Exact = true }).CheckAsync();
        await colours.GetByRole(AriaRole.Radio, new() { Name = "blue", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to basket" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added to your basket" })).ToBeVisibleAsync();
        // Back on the page of the variant added.
        await Assertions.Expect(colours.GetByRole(AriaRole.Radio, new() { Name = "blue", Exact = true })).ToBeCheckedAsync();
        await page.GotoAsync("/basket");
        var basket = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(basket).ToContainTextAsync(codes["S-blue"]);
        foreach (var other in codes.Where(c => c.Key != "S-blue"))
        {
            await Assertions.Expect(basket).Not.ToContainTextAsync(other.Value);
        }
    }

    [Fact]
    public async Task WithoutScriptTheOptionsFormAndSkuLinksChooseTheVariantTheFormPosts()
    {
        var (slug, codes) = await AddSizesAndColoursAsync();
        using var client = shop.CreateStorefrontClient();

        // A link to a variant (structured data, the basket) shows it chosen.
        var linked = await client.GetStringAsync($"/p/{slug}?sku={codes["M-red"]}", Cancellation);
        Assert.Contains($"name=\"Sku\" value=\"{codes["M-red"]}\"", linked);
        Assert.Matches("<input type=\"radio\" name=\"opt.size\" value=\"M\" checked", linked);
        Assert.Matches("<input type=\"radio\" name=\"opt.colour\" value=\"blue\" disabled", linked);

        // The options form asks for M in blue, which is not made: the page keeps M and moves to the colour that is.
        var asked = await client.GetStringAsync($"/p/{slug}?opt.size=M&opt.colour=blue", Cancellation);
        Assert.Contains($"name=\"Sku\" value=\"{codes["M-red"]}\"", asked);
        Assert.Contains("Show this choice", asked);

        // Sold out: shown chosen from its link, and the button cannot add it.
        var soldOut = await client.GetStringAsync($"/p/{slug}?sku={codes["L-blue"]}", Cancellation);
        Assert.Contains("Size L, Colour blue: Sold out", soldOut);
        Assert.Matches("<button type=\"submit\" disabled[^>]*>Add to basket</button>", soldOut);

        // Search engines get one offer per variant, each with its own link and availability.
        var offers = System.Text.Json.JsonDocument.Parse(Regex.Match(linked, "<script type=\"application/ld(\\+|&#x2B;)json\">(?<json>.*?)</script>", RegexOptions.Singleline).Groups["json"].Value)
            .RootElement.GetProperty("offers").EnumerateArray().ToDictionary(o => o.GetProperty("sku").GetString()!);
        Assert.Equal(codes.Values.Order(), offers.Keys.Order());
        Assert.EndsWith($"/p/{slug}?sku={codes["S-blue"]}", offers[codes["S-blue"]].GetProperty("url").GetString());
        Assert.Equal("32.00", offers[codes["S-blue"]].GetProperty("price").GetString());
        Assert.Equal("https://schema.org/OutOfStock", offers[codes["L-blue"]].GetProperty("availability").GetString());
    }

    /// <summary>
    /// A product in sizes S, M, L and colours red and blue, not every pair made: S red (9), S blue (2, €32 was €40),
    /// M red (4), L blue (sold out).
    /// </summary>
    private async Task<(string Slug, Dictionary<string, string> Codes)> AddSizesAndColoursAsync()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var slug = $"picker-shirt-{tag}";
        var codes = new[] { "S-red", "S-blue", "M-red", "L-blue" }.ToDictionary(k => k, k => $"PICK-{tag}-{k}".ToUpperInvariant());
        object Sku(string key, int onHand, long? price = null, long? compareAtPrice = null) => new
        {
            code = codes[key],
            options = new Dictionary<string, string> { ["size"] = key.Split('-')[0], ["colour"] = key.Split('-')[1] },
            price,
            compareAtPrice,
            onHand,
            weightGrams = 300,
        };

        await StaffCatalog.CreateAsync(staff, new
        {
            name = $"Picker shirt {tag}",
            slug,
            description = "A shirt in some sizes and colours.",
            category = "tops",
            brand = "northwind",
            price = 3000,
            currency = "EUR",
            published = true,
            skus = new[] { Sku("S-red", 9), Sku("S-blue", 2, 3200, 4000), Sku("M-red", 4), Sku("L-blue", 0) },
        }, Cancellation);
        return (slug, codes);
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
