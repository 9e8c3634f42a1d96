using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Catalog;

/// <summary>
/// Category listings' totals come from per-(category, brand, availability, price band) counts kept by the database,
/// and categories and brands from each replica's memory: both must follow every change on the next read.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ListingTotalsTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TotalsAreExactForEveryPriceRangeAndFollowPublishingStockPriceAndDeletion()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        using var shopper = shop.CreateStorefrontClient();
        var word = Word();
        var department = await CreateAsync(staff, "/api/categories", new { name = $"Counted {word}", slug = $"counted-{word}", parent = "home-kitchen" });
        await CreateAsync(staff, "/api/categories", new { name = "Counted shelf", slug = $"counted-shelf-{word}", parent = $"counted-{word}" });
        await CreateAsync(staff, "/api/brands", new { name = $"Tally {word}", slug = $"tally-{word}" });
        await CreateAsync(staff, "/api/brands", new { name = $"Other tally {word}", slug = $"other-tally-{word}" });

        // Prices on and beside the 5.00 price bands' edges, in the department and its sub-category, two brands, one
        // product with nothing available.
        var products = new List<Listed>();
        foreach (var (price, shelf, other, onHand) in new[]
        {
            (499L, false, false, 2), (500L, true, false, 2), (999L, false, true, 2), (2499L, true, false, 0),
            (2500L, false, false, 2), (4999L, true, true, 2), (5000L, false, false, 2), (7321L, true, false, 2),
        })
        {
            var code = $"TALLY-{word}-{price}".ToUpperInvariant();
            var created = await StaffCatalog.CreateAsync(staff, new
            {
                name = $"Tally {word} {price}", slug = $"tally-{word}-{price}", description = "A product made for a totals test.",
                category = shelf ? $"counted-shelf-{word}" : $"counted-{word}", brand = other ? $"other-tally-{word}" : $"tally-{word}",
                price, currency = "EUR", published = true,
                skus = new[] { new { code, onHand, weightGrams = 300 } },
            }, Cancellation);
            products.Add(new Listed(created.GetProperty("id").GetGuid(), code, price, shelf, other, onHand > 0, Published: true));
        }

        var queries = new (long? Min, long? Max, bool InStock, bool Brand)[]
        {
            (null, null, false, false), (null, null, true, false), (null, null, false, true), (500, 999, false, false),
            (500, 1000, false, false), (499, 5000, false, false), (2500, 4999, false, false), (501, 998, false, false),
            (0, 499, false, false), (2500, null, true, false), (null, 4999, true, true), (1000, 1999, false, false),
        };

        async Task AssertTotalsAsync()
        {
            foreach (var (min, max, inStock, brand) in queries)
            {
                foreach (var category in new[] { $"counted-{word}", $"counted-shelf-{word}" })
                {
                    var query = $"category={category}&pageSize=50" + (min is null ? "" : $"&minPrice={min}") + (max is null ? "" : $"&maxPrice={max}")
                        + (inStock ? "&inStock=true" : "") + (brand ? $"&brand=tally-{word}" : "");
                    var expected = products.Where(p => p.Published && (p.Shelf || category == $"counted-{word}") && (min is null || p.Price >= min)
                        && (max is null || p.Price <= max) && (!inStock || p.InStock) && (!brand || !p.OtherBrand)).Select(p => p.Id).Order().ToList();
                    var page = await shopper.GetFromJsonAsync<JsonElement>($"/api/products?{query}", Cancellation);
                    Assert.Equal(expected.Count, page.GetProperty("total").GetInt64());
                    Assert.False(page.GetProperty("totalIsLowerBound").GetBoolean());
                    Assert.Equal(expected, page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).Order().ToList());
                }
            }
        }

        await AssertTotalsAsync();

        // Unpublished, sold out, repriced into another band, deleted: each seen on the next read.
        var unpublished = products[2];
        using (var response = await staff.PostAsync($"/api/products/{unpublished.Id}/unpublish", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        products[2] = unpublished with { Published = false };
        var soldOut = products[4];
        using (var response = await staff.PostAsJsonAsync($"/api/skus/{soldOut.Code}/stock-adjustments", new { delta = -2, reason = "Totals test" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        products[4] = soldOut with { InStock = false };
        var repriced = products[7];
        using (var response = await staff.PutAsJsonAsync($"/api/products/{repriced.Id}", new
        {
            name = $"Tally {word} {repriced.Price}", slug = $"tally-{word}-{repriced.Price}", description = "Now cheaper.",
            category = $"counted-shelf-{word}", brand = $"tally-{word}", price = 2600, currency = "EUR",
        }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        products[7] = repriced with { Price = 2600 };
        using (var response = await staff.DeleteAsync($"/api/products/{products[0].Id}", Cancellation))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        products[0] = products[0] with { Published = false };
        await AssertTotalsAsync();

        // A page past the last one is empty, with the exact total.
        var past = await shopper.GetFromJsonAsync<JsonElement>($"/api/products?category={department.GetProperty("slug").GetString()}&page=9&pageSize=5", Cancellation);
        Assert.Empty(past.GetProperty("items").EnumerateArray());
        Assert.Equal(products.Count(p => p.Published), past.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ARenamedOrMovedCategoryAndANewOneAreListedOnTheNextRead()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        using var shopper = shop.CreateStorefrontClient();
        var word = Word();
        await CreateAsync(staff, "/api/categories", new { name = $"Harbour {word}", slug = $"harbour-{word}", parent = "outdoor" });
        await CreateAsync(staff, "/api/categories", new { name = $"Lagoon {word}", slug = $"lagoon-{word}", parent = "outdoor" });
        var boats = await CreateAsync(staff, "/api/categories", new { name = "Boats", slug = $"boats-{word}", parent = $"harbour-{word}" });
        await CreateAsync(staff, "/api/brands", new { name = $"Keel {word}", slug = $"keel-{word}" });
        var boat = (await StaffCatalog.CreateAsync(staff, new
        {
            name = $"Boat {word}", slug = $"boat-{word}", description = "A product made for a category test.", category = $"boats-{word}",
            brand = $"keel-{word}", price = 4500, currency = "EUR", published = true,
            skus = new[] { new { code = $"BOAT-{word}".ToUpperInvariant(), onHand = 3, weightGrams = 400 } },
        }, Cancellation)).GetProperty("id").GetGuid();

        Assert.Equal([boat], await ListAsync(shopper, $"category=harbour-{word}"));
        Assert.Empty(await ListAsync(shopper, $"category=lagoon-{word}"));
        Assert.Equal([boat], await ListAsync(shopper, $"category=outdoor&brand=keel-{word}"));

        using (var moved = await staff.PutAsJsonAsync($"/api/categories/{boats.GetProperty("id").GetInt32()}",
            new { name = "Sailing boats", slug = $"sailing-boats-{word}", parent = $"lagoon-{word}" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        Assert.Empty(await ListAsync(shopper, $"category=harbour-{word}"));
        Assert.Equal([boat], await ListAsync(shopper, $"category=lagoon-{word}"));
        Assert.Equal([boat], await ListAsync(shopper, $"category=sailing-boats-{word}"));
        using (var gone = await shopper.GetAsync($"/api/products?category=boats-{word}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
            Assert.Equal(["category"], StaffCatalog.FieldErrors(await gone.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        }

        // Written straight to the database (as seeders and tools do), not through the API: seen on the next read too.
        var added = await AddCategoryAsync(shop, $"Dock {word}");
        var addedBrand = await AddBrandAsync(shop, $"Mooring {word}");
        Assert.Empty(await ListAsync(shopper, $"category={added.Slug}&brand={addedBrand.Slug}"));
    }

    private static async Task<List<Guid>> ListAsync(HttpClient shopper, string query)
    {
        var page = await shopper.GetFromJsonAsync<JsonElement>($"/api/products?{query}&pageSize=50", Cancellation);
        var ids = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(ids.Count, page.GetProperty("total").GetInt64());
        return ids;
    }

    private static async Task<JsonElement> CreateAsync(HttpClient staff, string path, object body)
    {
        using var created = await staff.PostAsJsonAsync(path, body, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    private sealed record Listed(Guid Id, string Code, long Price, bool Shelf, bool OtherBrand, bool InStock, bool Published);
}
