using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Catalog;

/// <summary>
/// Staff writes that got past the checks and failed in the database, or in the code after the checks, as a 500: each
/// must be a 400 naming what to fix, and write nothing.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class StaffInputTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"attributes":{"material":"cot\u0000ton"}}""", "attributes.material")]
    [InlineData("""{"description":null}""", "description")]
    [InlineData("""{"skus":[{"code":"NUL-OPTION-NAME","options":{"si\u0000ze":"M"}}]}""", "skus[0].options[0]")]
    public async Task AProductWithNulInAnAttributeOrAnOptionNameOrANullDescriptionIs400(string fields, string field)
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var body = Merge($$"""{"name":"Odd {{tag}}","slug":"odd-{{tag}}","description":"","category":"tops","brand":"northwind","price":100,"currency":"EUR"}""", fields);

        Assert.Contains(field, await RefusedAsync(staff.PostAsync("/api/products", Json(body), Cancellation)));
        using var missing = await shop.CreateStorefrontClient().GetAsync($"/api/products/odd-{tag}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("[null]", "products[0]")]
    [InlineData("""[{"name":"A","slug":"null-skus","category":"tops","brand":"northwind","price":1,"skus":null}]""", "products[0].skus")]
    [InlineData("""[{"name":"A","slug":"null-variant","category":"tops","brand":"northwind","price":1,"skus":[null]}]""", "products[0].skus")]
    [InlineData("""[{"name":"A\u0000B","slug":"nul-name","category":"tops","brand":"northwind","price":1}]""", "products")]
    public async Task AJsonImportWithANullProductOrVariantOrNulTextIs400(string body, string field)
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);

        Assert.Contains(field, await RefusedAsync(staff.PostAsync("/api/products/import", Json(body), Cancellation)));
    }

    [Theory]
    [InlineData("slug,name,category,brand,price,sku,option:size,option:size\nrepeat-{0},A,tops,northwind,100,REPEAT-{0},S,M", "header")]
    [InlineData("slug,name,category,brand,price,sku\nnul-{0},A\0B,tops,northwind,100,NUL-{0}", "products")]
    public async Task ACsvImportWithARepeatedColumnOrNulTextIs400(string csv, string field)
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();

        var content = new StringContent(string.Format(csv, tag), Encoding.UTF8, "text/csv");
        Assert.Contains(field, await RefusedAsync(staff.PostAsync("/api/products/import", content, Cancellation)));
        using var missing = await shop.CreateStorefrontClient().GetAsync($"/api/skus?codes=REPEAT-{tag}&codes=NUL-{tag}", Cancellation);
        Assert.Empty((await missing.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).EnumerateArray());
    }

    [Fact]
    public async Task ASynonymGroupWithANullTermIs400AndKeepsTheGroups()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var before = await staff.GetStringAsync("/api/search/synonyms", Cancellation);

        Assert.Contains("groups[0]", await RefusedAsync(staff.PutAsync("/api/search/synonyms", Json("""{"groups":[["tee",null]]}"""), Cancellation)));
        Assert.Equal(before, await staff.GetStringAsync("/api/search/synonyms", Cancellation));
    }

    [Fact]
    public async Task APictureSentWithoutAContentTypeIs400()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(StaffCatalog.NewTag()), Cancellation)).GetProperty("id").GetGuid();
        var file = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        var form = new MultipartFormDataContent { { file, "file", "picture.png" } };
        Assert.Null(file.Headers.ContentType);

        Assert.Equal(["file"], await RefusedAsync(staff.PostAsync($"/api/products/{id}/images", form, Cancellation)));
    }

    [Fact]
    public async Task OfConcurrentWritesTakingOneSlugOrSkuCodeOneIsSavedAndTheOthersAreFieldErrors()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var products = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => staff.PostAsJsonAsync("/api/products", new
        {
            name = $"Twin {tag} {i}",
            slug = $"twin-{tag}",
            description = "",
            category = "tops",
            brand = "northwind",
            price = 100,
            currency = "EUR",
            skus = new[] { new { code = $"TWIN-{tag}-{i}".ToUpperInvariant(), onHand = 1, weightGrams = 1 } },
        }, Cancellation)));
        await OneSavedAsync(products, HttpStatusCode.Created, "slug");

        var productId = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        var variants = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => staff.PostAsJsonAsync($"/api/products/{productId}/skus",
            new { code = $"TWIN-{tag}-XL".ToUpperInvariant(), options = new Dictionary<string, string> { ["size"] = $"XL{i}" }, onHand = 1, weightGrams = 1 },
            Cancellation)));
        await OneSavedAsync(variants, HttpStatusCode.Created, "code");
    }

    private static async Task OneSavedAsync(HttpResponseMessage[] responses, HttpStatusCode saved, string field)
    {
        Assert.Single(responses, r => r.StatusCode == saved);
        foreach (var refused in responses.Where(r => r.StatusCode != saved))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(field, StaffCatalog.FieldErrors(await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>The product's fields with some replaced or added: the second object's win.</summary>
    private static string Merge(string product, string fields)
    {
        var merged = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(product)!;
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(fields)!)
        {
            merged[name] = value;
        }

        return JsonSerializer.Serialize(merged);
    }

    private static async Task<List<string?>> RefusedAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return StaffCatalog.FieldErrors(await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
    }
}
