using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;
using SkiaSharp;

namespace Shop.Tests.Integration.Catalog;

[Collection(ShopCollection.Name)]
public sealed class ProductImageTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffUploadPicturesThatAreServedWithThumbnailsAndLongLivedCaching()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();

        using var uploaded = await staff.PostAsync($"/api/products/{id}/images", Upload(Picture(800, 600, SKEncodedImageFormat.Png), "image/png", "Front view"), Cancellation);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var image = await uploaded.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(800, image.GetProperty("width").GetInt32());
        using (var second = await staff.PostAsync($"/api/products/{id}/images", Upload(Picture(300, 300, SKEncodedImageFormat.Jpeg), "image/jpeg"), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        using var shopper = shop.CreateStorefrontClient();
        var product = await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation);
        var images = product.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(2, images.Count);
        Assert.Equal(image.GetProperty("url").GetString(), images[0].GetProperty("url").GetString());
        Assert.Equal("Front view", images[0].GetProperty("alt").GetString());

        using var original = await shopper.GetAsync(images[0].GetProperty("url").GetString(), Cancellation);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/png", original.Content.Headers.ContentType!.MediaType);
        Assert.True(original.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromDays(365), original.Headers.CacheControl.MaxAge);
        Assert.Contains("immutable", original.Headers.GetValues("Cache-Control").Single());
        using (var decoded = SKBitmap.Decode(await original.Content.ReadAsByteArrayAsync(Cancellation)))
        {
            Assert.Equal(800, decoded.Width);
        }

        using var thumbnail = await shopper.GetAsync(images[0].GetProperty("thumbnailUrl").GetString(), Cancellation);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        using (var decoded = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync(Cancellation)))
        {
            Assert.Equal(320, decoded.Width);
            Assert.Equal(240, decoded.Height);
        }

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, images[0].GetProperty("url").GetString());
        revalidate.Headers.IfNoneMatch.Add(original.Headers.ETag!);
        using var notModified = await shopper.SendAsync(revalidate, Cancellation);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        var wrongHash = images[0].GetProperty("url").GetString()!.Replace(images[0].GetProperty("url").GetString()!.Split('/')[^2], "0000000000000000");
        using var missing = await shopper.GetAsync(wrongHash, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var sku = product.GetProperty("variants")[0].GetProperty("sku").GetString();
        var lookup = await shopper.GetFromJsonAsync<JsonElement>($"/api/skus?codes={sku}", Cancellation);
        Assert.Equal(images[0].GetProperty("thumbnailUrl").GetString(), lookup[0].GetProperty("imageUrl").GetString());

        using var removed = await staff.DeleteAsync($"/api/products/{id}/images/{images[0].GetProperty("id").GetGuid()}", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var gone = await shopper.GetAsync(images[0].GetProperty("url").GetString(), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Single((await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation)).GetProperty("images").EnumerateArray());
    }

    [Fact]
    public async Task UploadsThatAreNotPicturesOrNotFromStaffAreRefused()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(StaffCatalog.NewTag()), Cancellation)).GetProperty("id").GetGuid();

        async Task<List<string?>> RefusedAsync(HttpContent content)
        {
            using var response = await staff.PostAsync($"/api/products/{id}/images", content, Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return StaffCatalog.FieldErrors(await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
        }

        Assert.Equal(["file"], await RefusedAsync(Upload(Encoding.UTF8.GetBytes("not a picture at all"), "image/png")));
        Assert.Equal(["file"], await RefusedAsync(Upload(Picture(10, 10, SKEncodedImageFormat.Png), "image/gif")));
        Assert.Equal(["file"], await RefusedAsync(Upload(Picture(10, 10, SKEncodedImageFormat.Png), "image/jpeg")));
        Assert.Equal(["file"], await RefusedAsync(Upload(new byte[(5 * 1024 * 1024) + 1], "image/png")));
        Assert.Contains("file", await RefusedAsync(new MultipartFormDataContent { { new StringContent("x"), "alt" } }));

        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        using var notStaff = await asCustomer.PostAsync($"/api/products/{id}/images", Upload(Picture(10, 10, SKEncodedImageFormat.Png), "image/png"), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);

        using var shopper = shop.CreateStorefrontClient();
        Assert.Empty((await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation)).GetProperty("images").EnumerateArray());
    }

    [Fact]
    public async Task UploadsAtOnceStopAtTheLimitAndEachTakesItsOwnPlace()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(StaffCatalog.NewTag()), Cancellation)).GetProperty("id").GetGuid();
        var picture = Picture(40, 40, SKEncodedImageFormat.Png);

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var response = await staff.PostAsync($"/api/products/{id}/images", Upload(picture, "image/png"), Cancellation);
            return response.StatusCode;
        }));

        Assert.Equal(20, answers.Count(a => a == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.BadRequest, a));
        await using var db = await CatalogTestData.OpenAsync(shop);
        var positions = await db.ProductImages.Where(i => i.ProductId == id).Select(i => i.Position).ToListAsync(Cancellation);
        Assert.Equal(Enumerable.Range(0, 20), positions.Order());
    }

    private static byte[] Picture(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var encoded = bitmap.Encode(format, 90);
        return encoded.ToArray();
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string contentType, string? alt = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", "picture" } };
        if (alt is not null)
        {
            form.Add(new StringContent(alt), "alt");
        }

        return form;
    }
}
