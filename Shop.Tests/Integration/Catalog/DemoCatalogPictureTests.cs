using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.CatalogApi.Data;
using Shop.Tests.Infrastructure;
using SkiaSharp;

namespace Shop.Tests.Integration.Catalog;

[Collection(ShopCollection.Name)]
public sealed class DemoCatalogPictureTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDemoCatalogsProductsHavePicturesServedLikeUploads()
    {
        using var shopper = shop.CreateStorefrontClient();
        var product = await shopper.GetFromJsonAsync<JsonElement>("/api/products/merino-crew-t-shirt", Cancellation);
        var image = product.GetProperty("images").EnumerateArray().First();
        Assert.Equal("Merino Crew T-Shirt", image.GetProperty("alt").GetString());

        using var original = await shopper.GetAsync(image.GetProperty("url").GetString(), Cancellation);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType!.MediaType);
        Assert.True(original.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromDays(365), original.Headers.CacheControl.MaxAge);
        Assert.NotNull(original.Headers.ETag);
        using (var decoded = SKBitmap.Decode(await original.Content.ReadAsByteArrayAsync(Cancellation)))
        {
            Assert.Equal(DemoPictures.Size, decoded.Width);
        }

        using var thumbnail = await shopper.GetAsync(image.GetProperty("thumbnailUrl").GetString(), Cancellation);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        using (var decoded = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync(Cancellation)))
        {
            Assert.Equal(320, decoded.Width);
        }

        await using var db = await CatalogTestData.OpenAsync(shop);
        var slugs = DemoCatalog.Products().Select(p => p.Slug).ToList();
        var pictures = await db.Products.Where(p => slugs.Contains(p.Slug) && p.DeletedAt == null)
            .Select(p => db.ProductImages.Count(i => i.ProductId == p.Id)).ToListAsync(Cancellation);
        Assert.True(pictures.Count > 500, $"Only {pictures.Count} demo products are in the store.");
        Assert.All(pictures, count => Assert.InRange(count, 1, 3));
        Assert.True(pictures.Count(c => c > 1) > 50, "Few demo products have a gallery.");
    }

    [Fact]
    public async Task ADatabaseSeededBeforeThereWereDemoPicturesGetsThemOnce()
    {
        // A demo product as a store seeded before demo pictures has it: no pictures, and the step never ran.
        var spec = DemoCatalog.Products().Last(p => DemoPictures.ShotsFor(p).Count == 3);
        await using var db = await CatalogTestData.OpenAsync(shop);
        var productId = await db.Products.Where(p => p.Slug == spec.Slug).Select(p => p.Id).SingleAsync(Cancellation);
        async Task<List<string>> PicturesAsync() => await db.ProductImages.Where(i => i.ProductId == productId)
            .OrderBy(i => i.Position).Select(i => i.ContentHash).ToListAsync(Cancellation);
        var seeded = await PicturesAsync();
        Assert.Equal(3, seeded.Count);
        await db.ProductImages.Where(i => i.ProductId == productId).ExecuteDeleteAsync(Cancellation);
        await db.SeedSteps.Where(s => s.Name == DemoPictureSeeder.Step).ExecuteDeleteAsync(Cancellation);
        var everyPicture = await db.ProductImages.CountAsync(Cancellation);

        var seeder = new DemoPictureSeeder(TimeProvider.System, NullLogger<DemoPictureSeeder>.Instance);
        await seeder.SeedAsync(db, Cancellation);

        // The same pictures again, and none added twice to the products that had theirs.
        Assert.Equal(seeded, await PicturesAsync());
        Assert.Equal(everyPicture + 3, await db.ProductImages.CountAsync(Cancellation));

        // Once: pictures staff remove afterwards stay removed.
        var first = await db.ProductImages.Where(i => i.ProductId == productId && i.Position == 0).SingleAsync(Cancellation);
        db.ProductImages.Remove(first);
        await db.SaveChangesAsync(Cancellation);
        await seeder.SeedAsync(db, Cancellation);
        Assert.Equal(seeded.Skip(1), await PicturesAsync());
        Assert.True(await db.SeedSteps.AnyAsync(s => s.Name == DemoPictureSeeder.Step, Cancellation));

        // Leave the demo product as the seed made it.
        await db.ProductImages.Where(i => i.ProductId == productId).ExecuteDeleteAsync(Cancellation);
        await db.SeedSteps.Where(s => s.Name == DemoPictureSeeder.Step).ExecuteDeleteAsync(Cancellation);
        await seeder.SeedAsync(db, Cancellation);
        Assert.Equal(seeded, await PicturesAsync());
    }
}
