using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Catalog;

[Collection(ShopCollection.Name)]
public sealed class ProductImportTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACsvImportAddsProductsWithVariantsAndAttributes()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var code = tag.ToUpperInvariant();
        var csv = $"""
            slug,name,description,category,brand,price,currency,compareAtPrice,published,sku,skuPrice,onHand,weightGrams,option:size,attr:material,attr:waterproof,attr:weight-grams
            csv-jacket-{tag},Rain jacket,Keeps you dry,tops,fjord-co,9900,EUR,12900,true,CSV-JACKET-{code}-M,,4,400,M,nylon,true,400
            csv-jacket-{tag},,,,,,,,,CSV-JACKET-{code}-L,10400,2,420,L,,,
            csv-pan-{tag},"Pan, small",For eggs,cookware,ember,2500,EUR,,false,CSV-PAN-{code},,9,800,,iron,false,800
            """;

        using var imported = await staff.PostAsync("/api/products/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("imported").GetInt32());

        using var shopper = shop.CreateStorefrontClient();
        var jacket = await shopper.GetFromJsonAsync<JsonElement>($"/api/products/csv-jacket-{tag}", Cancellation);
        Assert.Equal(9900, jacket.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(12900, jacket.GetProperty("compareAtPrice").GetInt64());
        Assert.Equal("nylon", jacket.GetProperty("attributes").GetProperty("material").GetString());
        Assert.Equal(JsonValueKind.True, jacket.GetProperty("attributes").GetProperty("waterproof").ValueKind);
        Assert.Equal(400, jacket.GetProperty("attributes").GetProperty("weight-grams").GetDecimal());
        var large = jacket.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("options").GetProperty("size").GetString() == "L");
        Assert.Equal(10400, large.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(2, large.GetProperty("available").GetInt32());

        // Imported as a draft: shoppers do not see it yet.
        using var draft = await shopper.GetAsync($"/api/products/csv-pan-{tag}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
    }

    [Fact]
    public async Task AnImportWithAnyBadRowReportsEveryRowAndSavesNothing()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var code = tag.ToUpperInvariant();
        var csv = $"""
            slug,name,category,brand,price,sku,onHand,weightGrams
            good-{tag},Good one,tops,northwind,1000,GOOD-{code},1,100
            bad-price-{tag},Bad price,tops,northwind,cheap,BADPRICE-{code},1,100
            bad-stock-{tag},Bad stock,no-such-category,northwind,1000,BADSTOCK-{code},-4,100
            """;

        using var refused = await staff.PostAsync("/api/products/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var fields = StaffCatalog.FieldErrors(await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
        Assert.Contains("rows[2].price", fields);
        Assert.Contains("rows[3].category", fields);
        Assert.Contains("rows[3].onHand", fields);
        Assert.DoesNotContain(fields, f => f!.StartsWith("rows[1]", StringComparison.Ordinal));

        using var json = await staff.PostAsJsonAsync("/api/products/import", new object[]
        {
            new { slug = $"json-a-{tag}", name = "A", category = "tops", brand = "northwind", price = 100, currency = "EUR", skus = new[] { new { code = $"JSON-{code}", onHand = 1, weightGrams = 1 } } },
            new { slug = $"json-a-{tag}", name = "", category = "tops", brand = "northwind", price = 100, currency = "EUR", skus = new[] { new { code = $"JSON-{code}", onHand = 1, weightGrams = 1 } } },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(["products[1].name", "products[1].slug", "products[1].skus[0].code"],
            StaffCatalog.FieldErrors(await json.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));

        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        using var notStaff = await asCustomer.PostAsync("/api/products/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);

        var listed = await shop.CreateStorefrontClient().GetFromJsonAsync<JsonElement>($"/api/skus?codes=GOOD-{code}&codes=JSON-{code}", Cancellation);
        Assert.Empty(listed.EnumerateArray());
    }
}
