using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;
using Shop.Tests.Infrastructure;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Catalog;

[Collection(ShopCollection.Name)]
public sealed class ProductListingTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListingsFilterByCategoryBrandPriceAttributesAndStockAndSort()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var a = await CreateAsync(staff, tag, "a", "tops", "northwind", 1000, onHand: 3, waterproof: true, weight: 100);
        var b = await CreateAsync(staff, tag, "b", "shoes", "fjord-co", 3000, onHand: 0, waterproof: false, weight: 500);
        var c = await CreateAsync(staff, tag, "c", "cookware", "ember", 2000, onHand: 8, waterproof: true, weight: 900);
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            // Ratings as reviews would leave them: a has one 3, b two 5s, c none.
            await db.Products.Where(p => p.Id == a).ExecuteUpdateAsync(set => set.SetProperty(p => p.RatingCount, 1).SetProperty(p => p.RatingSum, 3), Cancellation);
            await db.Products.Where(p => p.Id == b).ExecuteUpdateAsync(set => set.SetProperty(p => p.RatingCount, 2).SetProperty(p => p.RatingSum, 10), Cancellation);
        }

        using var shopper = shop.CreateStorefrontClient();
        async Task<List<Guid>> ListAsync(string query)
        {
            var page = await shopper.GetFromJsonAsync<JsonElement>($"/api/products?attr.test-tag={tag}&{query}", Cancellation);
            var ids = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
            Assert.Equal(query.Contains("pageSize=1") ? 3 : ids.Count, page.GetProperty("total").GetInt64());
            return ids;
        }

        Assert.Equal([c, b, a], await ListAsync(""));
        Assert.Equal([c, b, a], await ListAsync("attr.model-year=2024")); // a text that looks like a number
        Assert.Equal([c, b, a], await ListAsync("attr.model-year=%222024%22,%22no%2C such%22")); // quoted: taken as written
        using (var open = await shopper.GetAsync($"/api/products?attr.test-tag={tag}&attr.model-year=%222024", Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, open.StatusCode);
        }

        Assert.Equal([b, a], await ListAsync("category=clothing"));
        Assert.Equal([b], await ListAsync("category=shoes"));
        Assert.Equal([b], await ListAsync("brand=fjord-co"));
        Assert.Equal([c, b], await ListAsync("minPrice=1500&maxPrice=3000"));
        Assert.Equal([c, a], await ListAsync("attr.waterproof=true"));
        Assert.Equal([c, b], await ListAsync("attr.weight-grams=200..900"));
        Assert.Equal([a], await ListAsync("attr.weight-grams=..100"));
        // A comma separates values, also numbers: never read as one number with a thousands separator (100,900 ≠ 100900).
        Assert.Equal([c, a], await ListAsync("attr.weight-grams=100,900"));
        Assert.Equal([c, a], await ListAsync("attr.weight-grams=100&attr.weight-grams=900"));
        Assert.Equal([c, a], await ListAsync("inStock=true"));
        Assert.Equal([a], await ListAsync("inStock=true&category=clothing&attr.waterproof=true"));
        Assert.Equal([a, c, b], await ListAsync("sort=price-asc"));
        Assert.Equal([b, c, a], await ListAsync("sort=price-desc"));
        Assert.Equal([b, a, c], await ListAsync("sort=rating"));
        Assert.Equal([b], await ListAsync("sort=price-asc&page=3&pageSize=1"));

        var summary = (await shopper.GetFromJsonAsync<JsonElement>($"/api/products?attr.test-tag={tag}&brand=fjord-co", Cancellation))
            .GetProperty("items")[0];
        Assert.Equal(5.0, summary.GetProperty("rating").GetProperty("average").GetDouble());
        Assert.Equal(2, summary.GetProperty("rating").GetProperty("count").GetInt32());
        Assert.False(summary.GetProperty("inStock").GetBoolean());
        Assert.Equal(4500, summary.GetProperty("compareAtPrice").GetInt64());
    }

    [Fact]
    public async Task ALargeListingIsCountedExactlyOrWithWordsUpToTheCapAndPagesAcrossSubcategories()
    {
        var parent = await AddCategoryAsync(shop, "Crates");
        var child = await AddCategoryAsync(shop, "Small crates", parent);
        var brand = await AddBrandAsync(shop, "Cratewell");
        var few = await AddBrandAsync(shop, "Boxwell");
        // Prices interleave between the two categories, so a page in price order takes from both.
        var byPrice = new List<Guid>();
        for (var i = 0; i < ShopAppFixture.CountedMatchesCap + 5; i++)
        {
            byPrice.Add(await AddProductAsync(shop, $"Crate {i}", category: i % 2 == 0 ? parent : child, brand: brand, price: 1000 + i));
        }

        await AddProductAsync(shop, "Box 1", category: child, brand: few);
        await AddProductAsync(shop, "Box 2", category: child, brand: few);
        using var shopper = shop.CreateStorefrontClient();
        async Task<JsonElement> ListAsync(string query) =>
            await shopper.GetFromJsonAsync<JsonElement>($"/api/products?{query}", Cancellation);
        static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();

        // By category and brand alone the total comes from the listing counts, exact; with words it is counted up to the cap.
        var counted = await ListAsync($"category={parent.Slug}&brand={brand.Slug}&sort=price-asc&page=2&pageSize=5");
        Assert.Equal(byPrice.Count, counted.GetProperty("total").GetInt64());
        Assert.False(counted.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(byPrice[5..10], Ids(counted));
        var capped = await ListAsync($"category={parent.Slug}&brand={brand.Slug}&text=crate&sort=price-asc&page=2&pageSize=5");
        Assert.Equal(ShopAppFixture.CountedMatchesCap, capped.GetProperty("total").GetInt64());
        Assert.True(capped.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(byPrice[5..10], Ids(capped));
        var last = await ListAsync($"category={parent.Slug}&brand={brand.Slug}&sort=price-desc&pageSize=3");
        Assert.Equal([byPrice[^1], byPrice[^2], byPrice[^3]], Ids(last));
        Assert.Equal(byPrice[^5..], Ids(await ListAsync($"category={parent.Slug}&brand={brand.Slug}&sort=price-asc&page=5&pageSize=5")));

        var exact = await ListAsync($"category={parent.Slug}&brand={few.Slug}");
        Assert.Equal(2, exact.GetProperty("total").GetInt64());
        Assert.False(exact.GetProperty("totalIsLowerBound").GetBoolean());
    }

    [Fact]
    public async Task FilteredPagesAcrossSubcategoriesFollowEveryOrderWhetherACategoryHasManyOrFewMatches()
    {
        var parent = await AddCategoryAsync(shop, "Lamps");
        var desk = await AddCategoryAsync(shop, "Desk lamps", parent);
        var floor = await AddCategoryAsync(shop, "Floor lamps", parent);
        var brand = await AddBrandAsync(shop, "Lumenry");
        var other = await AddBrandAsync(shop, "Glowden");
        // Desk lamps: ten of the brand (1000 to 1900); floor lamps: three of each brand (2050 to 2275). Every key is
        // distinct (price, creation, rating), so each order is one list. With the tests' SparseCategoryMatches (4),
        // the filters below leave one category with many matches (its order index walked) and the other with few
        // (all its matches sorted).
        var made = new List<Lamp>();
        async Task MakeAsync(Category category, Brand maker, long price, bool inStock) =>
            made.Add(new Lamp(await AddProductAsync(shop, $"Lamp {made.Count}", category: category, brand: maker, price: price, onHand: inStock ? 2 : 0),
                category.Id, maker.Id, price, inStock, made.Count));
        for (var i = 0; i < 10; i++)
        {
            await MakeAsync(desk, brand, 1000 + (i * 100), inStock: i != 4);
        }

        for (var i = 0; i < 3; i++)
        {
            await MakeAsync(floor, brand, 2050 + (i * 100), inStock: i != 1);
            await MakeAsync(floor, other, 2075 + (i * 100), inStock: true);
        }

        // Ratings of 20 reviews each, every average different and out of line with prices and dates.
        double Rating(int order) => (20 + (order * 7 % 16 * 3)) / 20.0;
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            foreach (var product in made)
            {
                await db.Products.Where(p => p.Id == product.Id).ExecuteUpdateAsync(
                    set => set.SetProperty(p => p.RatingCount, 20).SetProperty(p => p.RatingSum, 20 + (product.Order * 7 % 16 * 3)), Cancellation);
            }
        }

        using var shopper = shop.CreateStorefrontClient();
        var filters = new (string Query, Func<Lamp, bool> Matches)[]
        {
            ($"brand={brand.Slug}", p => p.BrandId == brand.Id), // desk 10, floor 3
            ("minPrice=1000&maxPrice=2160", p => p.Price <= 2160), // desk 10, floor 3
            ("minPrice=1450&maxPrice=2300", p => p.Price >= 1450), // desk 5, floor 6
            ($"brand={brand.Slug}&inStock=true&minPrice=1200&maxPrice=2300", p => p.BrandId == brand.Id && p.InStock && p.Price >= 1200), // desk 7, floor 2
            ($"brand={other.Slug}&minPrice=1000&maxPrice=1999", _ => false),
        };
        var orders = new (string Sort, Func<IEnumerable<Lamp>, IEnumerable<Guid>> Sorted)[]
        {
            ("newest", ps => ps.OrderByDescending(p => p.Order).Select(p => p.Id)),
            ("rating", ps => ps.OrderByDescending(p => Rating(p.Order)).Select(p => p.Id)),
            ("price-asc", ps => ps.OrderBy(p => p.Price).Select(p => p.Id)),
            ("price-desc", ps => ps.OrderByDescending(p => p.Price).Select(p => p.Id)),
        };
        foreach (var (query, matches) in filters)
        {
            foreach (var (sort, sorted) in orders)
            {
                var expected = sorted(made.Where(matches)).ToList();
                var listed = new List<Guid>();
                for (var page = 1; page <= (expected.Count / 3) + 1; page++)
                {
                    var response = await shopper.GetFromJsonAsync<JsonElement>(
                        $"/api/products?category={parent.Slug}&{query}&sort={sort}&page={page}&pageSize=3", Cancellation);
                    Assert.Equal(expected.Count, response.GetProperty("total").GetInt64());
                    Assert.False(response.GetProperty("totalIsLowerBound").GetBoolean());
                    listed.AddRange(response.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
                }

                Assert.True(expected.SequenceEqual(listed), $"{query}&sort={sort}: expected [{string.Join(", ", expected)}], listed [{string.Join(", ", listed)}]");
            }
        }

        // A sub-category alone, with few matches: read whole and sorted, then paged.
        var floorRated = await shopper.GetFromJsonAsync<JsonElement>(
            $"/api/products?category={floor.Slug}&brand={brand.Slug}&sort=rating&page=2&pageSize=2", Cancellation);
        Assert.Equal(
            made.Where(p => p.CategoryId == floor.Id && p.BrandId == brand.Id).OrderByDescending(p => Rating(p.Order)).Skip(2).Select(p => p.Id),
            floorRated.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task BadFilterValuesAreFieldErrors()
    {
        using var shopper = shop.CreateStorefrontClient();

        async Task<List<string?>> ErrorsAsync(string query)
        {
            using var response = await shopper.GetAsync($"/api/products?{query}", Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return StaffCatalog.FieldErrors(await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
        }

        var fields = await ErrorsAsync("minPrice=-1&sort=relevance&pageSize=1000");
        Assert.Contains("minPrice", fields);
        Assert.Contains("sort", fields);
        Assert.Contains("pageSize", fields);
        Assert.Contains("maxPrice", await ErrorsAsync("minPrice=500&maxPrice=100"));
        Assert.Contains("maxPrice", await ErrorsAsync("maxPrice=cheap"));
        Assert.Contains("inStock", await ErrorsAsync("inStock=maybe"));
        Assert.Equal(["category"], await ErrorsAsync("category=no-such-category"));
        Assert.Equal(["brand"], await ErrorsAsync("brand=no-such-brand"));
        Assert.Equal(["attr.Bad Name", "attr.weight-grams"], await ErrorsAsync("attr.Bad%20Name=1&attr.weight-grams=5..1"));
    }

    [Fact]
    public async Task AProductLeavesTheInStockListingWhenItsLastUnitIsReservedAndComesBackWhenReleased()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = await CreateAsync(staff, tag, "last", "tops", "northwind", 1000, onHand: 2, waterproof: true, weight: 100);
        var sku = $"LISTED-last-{tag}".ToUpperInvariant();
        using var shopper = shop.CreateStorefrontClient();
        async Task<bool> ListedInStockAsync()
        {
            var inStock = await shopper.GetFromJsonAsync<JsonElement>($"/api/products?attr.test-tag={tag}&inStock=true&category=clothing", Cancellation);
            var all = await shopper.GetFromJsonAsync<JsonElement>($"/api/products?attr.test-tag={tag}", Cancellation);
            var listed = inStock.GetProperty("items").EnumerateArray().Any(p => p.GetProperty("id").GetGuid() == id);
            Assert.Equal(listed ? 1 : 0, inStock.GetProperty("total").GetInt64());
            Assert.Equal(listed, Assert.Single(all.GetProperty("items").EnumerateArray()).GetProperty("inStock").GetBoolean());
            return listed;
        }

        Assert.True(await ListedInStockAsync());
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        var reservation = Guid.NewGuid();
        using (var reserved = await catalog.PostAsJsonAsync("/api/stock/reservations",
                   new { reservationId = reservation, lines = new[] { new { sku, quantity = 1 } } }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
        }

        Assert.True(await ListedInStockAsync());
        var last = Guid.NewGuid();
        using (var reserved = await catalog.PostAsJsonAsync("/api/stock/reservations",
                   new { reservationId = last, lines = new[] { new { sku, quantity = 1 } } }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
        }

        Assert.False(await ListedInStockAsync());
        using (var released = await catalog.PostAsync($"/api/stock/reservations/{last}/release", null, Cancellation))
        {
            Assert.True(released.IsSuccessStatusCode);
        }

        Assert.True(await ListedInStockAsync());

        // Staff write off what is left to sell, then count one more in.
        using (var writtenOff = await staff.PostAsJsonAsync($"/api/skus/{sku}/stock-adjustments", new { delta = -1, reason = "water damage" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, writtenOff.StatusCode);
        }

        Assert.False(await ListedInStockAsync());
        using (var found = await staff.PostAsJsonAsync($"/api/skus/{sku}/stock-adjustments", new { delta = 1, reason = "found in the back" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        }

        Assert.True(await ListedInStockAsync());
    }

    [Fact]
    public async Task TwoCheckoutsTakingTheLastUnitsOfAProductsTwoVariantsAtOnceTakeItOutOfStock()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        var products = new List<(Guid Id, string Small, string Medium)>();
        for (var i = 0; i < 8; i++)
        {
            var tag = StaffCatalog.NewTag();
            var product = await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag, onHand: 1), Cancellation);
            var medium = $"TEE-{tag}-M".ToUpperInvariant();
            using var counted = await staff.PostAsJsonAsync($"/api/skus/{medium}/stock-adjustments", new { delta = 1, reason = "delivery" }, Cancellation);
            Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
            products.Add((product.GetProperty("id").GetGuid(), StaffCatalog.SmallSku(tag), medium));
        }

        async Task ReserveAsync(string sku)
        {
            using var reserved = await catalog.PostAsJsonAsync("/api/stock/reservations",
                new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 1 } } }, Cancellation);
            Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
        }

        await Task.WhenAll(products.SelectMany(p => new[] { ReserveAsync(p.Small), ReserveAsync(p.Medium) }));

        await using var db = await CatalogTestData.OpenAsync(shop);
        var ids = products.Select(p => p.Id).ToList();
        Assert.Empty(await db.Products.Where(p => ids.Contains(p.Id) && p.InStock).Select(p => p.Id).ToListAsync(Cancellation));
    }

    private static async Task<Guid> CreateAsync(HttpClient staff, string tag, string name, string category, string brand, long price, int onHand, bool waterproof, int weight)
    {
        var product = await StaffCatalog.CreateAsync(staff, new
        {
            name = $"Listed {name} {tag}",
            slug = $"listed-{name}-{tag}",
            category,
            brand,
            price,
            currency = "EUR",
            compareAtPrice = price * 3 / 2,
            attributes = new Dictionary<string, object> { ["test-tag"] = tag, ["waterproof"] = waterproof, ["weight-grams"] = weight, ["model-year"] = "2024" },
            published = true,
            skus = new[] { new { code = $"LISTED-{name}-{tag}".ToUpperInvariant(), onHand, weightGrams = weight } },
        }, Cancellation);
        return product.GetProperty("id").GetGuid();
    }

    private sealed record Lamp(Guid Id, int CategoryId, int BrandId, long Price, bool InStock, int Order);
}
