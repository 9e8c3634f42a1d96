using System.Net;
using System.Net.Http.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Search;

[Collection(ShopCollection.Name)]
public sealed class StaffProductSearchTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhatStaffChangeInTheCatalogIsWhatShoppersFind()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var (before, after) = (Word(), Word());
        var product = new Dictionary<string, object?>
        {
            ["name"] = $"Staff lamp {before}", ["slug"] = $"staff-lamp-{tag}", ["description"] = "A lamp staff made.",
            ["category"] = "lighting", ["brand"] = "northwind", ["price"] = 3000, ["currency"] = "EUR", ["published"] = true,
            ["skus"] = new[] { new { code = $"LAMP-{tag}".ToUpperInvariant(), options = new Dictionary<string, string>(), onHand = 3, weightGrams = 900 } },
        };
        var id = (await StaffCatalog.CreateAsync(staff, product, Cancellation)).GetProperty("id").GetGuid();
        using var shopper = shop.CreateStorefrontClient();
        Assert.Equal([$"Staff lamp {before}"], Names(await SearchUntilAsync(shopper, $"q={before}", 1)));

        using var renamed = await staff.PutAsJsonAsync($"/api/products/{id}", new
        {
            name = $"Staff lamp {after}", slug = $"staff-lamp-{tag}", description = "A lamp staff renamed.", category = "lighting",
            brand = "northwind", price = 2500, currency = "EUR",
        }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var found = await SearchUntilAsync(shopper, $"q={after}", 1);
        Assert.Equal(2500, found.GetProperty("items")[0].GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(0, (await SearchUntilAsync(shopper, $"q={before}", 0)).GetProperty("total").GetInt64());

        using var deleted = await staff.DeleteAsync($"/api/products/{id}", Cancellation);
        Assert.True(deleted.IsSuccessStatusCode);
        Assert.Equal(0, (await SearchUntilAsync(shopper, $"q={after}", 0)).GetProperty("total").GetInt64());
    }
}
