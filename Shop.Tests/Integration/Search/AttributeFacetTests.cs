using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Search;

/// <summary>
/// Attribute filters and facets of <c>/api/search</c>, on products staff make through the API with attribute values
/// no other test uses, so every count is exact.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class AttributeFacetTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// Four products of one new category and two new brands: red wool (b1), blue wool (b1), red cotton (b2), green
    /// wool (b1, 500 g); each attribute value names the test's word, so only these products have them.
    /// </summary>
    private sealed record Shelf(string Word, string Category, string Brand1, string Brand2)
    {
        public string Red => $"red-{Word}";
        public string Blue => $"blue-{Word}";
        public string Green => $"green-{Word}";
        public string Wool => $"wool-{Word}";
        public string Cotton => $"cotton-{Word}";
        public string Colour => $"colour-{Word}";
        public string Material => $"material-{Word}";
        public string Weight => $"weight-{Word}";
    }

    private async Task<Shelf> StockShelfAsync(HttpClient client)
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var word = Word();
        var shelf = new Shelf(word, $"shelf-{word}", $"first-{word}", $"second-{word}");
        await PostAsync(staff, "/api/categories", new { name = $"Shelf {word}", slug = shelf.Category, parent = "clothing" });
        await PostAsync(staff, "/api/brands", new { name = $"First {word}", slug = shelf.Brand1 });
        await PostAsync(staff, "/api/brands", new { name = $"Second {word}", slug = shelf.Brand2 });
        await AddAsync(staff, shelf, "Red wool", shelf.Brand1, new() { [shelf.Colour] = "Red-" + word, [shelf.Material] = shelf.Wool });
        await AddAsync(staff, shelf, "Blue wool", shelf.Brand1, new() { [shelf.Colour] = shelf.Blue, [shelf.Material] = shelf.Wool });
        await AddAsync(staff, shelf, "Red cotton", shelf.Brand2, new() { [shelf.Colour] = shelf.Red, [shelf.Material] = shelf.Cotton });
        await AddAsync(staff, shelf, "Green wool", shelf.Brand1, new() { [shelf.Colour] = shelf.Green, [shelf.Material] = shelf.Wool, [shelf.Weight] = 500 });
        await SearchUntilAsync(client, $"q={word}", 4);
        return shelf;
    }

    private static async Task PostAsync(HttpClient staff, string path, object body)
    {
        using var response = await staff.PostAsJsonAsync(path, body, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static Task AddAsync(HttpClient staff, Shelf shelf, string name, string brand, Dictionary<string, object> attributes)
    {
        var code = $"{shelf.Word}-{name.Replace(' ', '-')}".ToUpperInvariant();
        return PostAsync(staff, "/api/products", new
        {
            name = $"{name} {shelf.Word}",
            slug = $"{name.Replace(' ', '-').ToLowerInvariant()}-{shelf.Word}",
            description = "Made for an attribute facet test.",
            category = shelf.Category,
            brand,
            price = 3000,
            currency = "EUR",
            attributes,
            published = true,
            skus = new[] { new { code, options = new Dictionary<string, string>(), onHand = 3, weightGrams = 300 } },
        });
    }

    /// <summary>An attribute facet's counts by value; empty when the attribute is not among the facets.</summary>
    private static Dictionary<string, long> Values(JsonElement result, string attribute) =>
        result.GetProperty("facets").GetProperty("attributes").EnumerateArray()
            .Where(a => a.GetProperty("name").GetString() == attribute)
            .SelectMany(a => a.GetProperty("values").EnumerateArray())
            .ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt64());

    private static List<string> SortedNames(JsonElement result) => Names(result).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task AttributeFiltersNarrowAndEachFacetCountsWithEveryFilterButItsOwn()
    {
        using var client = shop.CreateStorefrontClient();
        var s = await StockShelfAsync(client);
        var q = $"q={s.Word}";

        var all = await SearchAsync(client, q);
        Assert.Equal(new Dictionary<string, long> { [s.Red] = 2, [s.Blue] = 1, [s.Green] = 1 }, Values(all, s.Colour));
        Assert.Equal(new Dictionary<string, long> { [s.Wool] = 3, [s.Cotton] = 1 }, Values(all, s.Material));
        var colour = all.GetProperty("facets").GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("name").GetString() == s.Colour);
        Assert.Equal($"Colour {s.Word}", colour.GetProperty("label").GetString());
        // Values differing only in case are one choice.
        Assert.Contains(colour.GetProperty("values").EnumerateArray(), v => v.GetProperty("label").GetString()!.Equals(s.Red, StringComparison.OrdinalIgnoreCase));

        // One value narrows; its own facet still counts the other colours, the other facets apply it.
        var red = await SearchAsync(client, $"{q}&attr.{s.Colour}={s.Red}");
        Assert.Equal([$"Red cotton {s.Word}", $"Red wool {s.Word}"], SortedNames(red));
        Assert.Equal(new Dictionary<string, long> { [s.Red] = 2, [s.Blue] = 1, [s.Green] = 1 }, Values(red, s.Colour));
        Assert.Equal(new Dictionary<string, long> { [s.Wool] = 1, [s.Cotton] = 1 }, Values(red, s.Material));
        Assert.Equal(new Dictionary<string, long> { [s.Brand1] = 1, [s.Brand2] = 1 }, Facet(red, "brands"));

        // Two values of one attribute: either (also comma-separated); two attributes: both.
        var redOrBlue = await SearchAsync(client, $"{q}&attr.{s.Colour}={s.Red}&attr.{s.Colour}={s.Blue}");
        Assert.Equal(3, redOrBlue.GetProperty("total").GetInt64());
        Assert.Equal(SortedNames(redOrBlue), SortedNames(await SearchAsync(client, $"{q}&attr.{s.Colour}={s.Red},{s.Blue}")));
        var redWool = await SearchAsync(client, $"{q}&attr.{s.Colour}={s.Red}&attr.{s.Material}={s.Wool}");
        Assert.Equal([$"Red wool {s.Word}"], Names(redWool));
        Assert.Equal(new Dictionary<string, long> { [s.Red] = 1, [s.Blue] = 1, [s.Green] = 1 }, Values(redWool, s.Colour));
        Assert.Equal(new Dictionary<string, long> { [s.Wool] = 1, [s.Cotton] = 1 }, Values(redWool, s.Material));

        // Other filters apply to attribute facets: the second brand has only the red cotton one.
        var secondBrand = await SearchAsync(client, $"{q}&brand={s.Brand2}&attr.{s.Colour}={s.Blue}");
        Assert.Equal(0, secondBrand.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { [s.Red] = 1, [s.Blue] = 0 }, Values(secondBrand, s.Colour));
        Assert.Equal(new Dictionary<string, long> { [s.Brand1] = 1 }, Facet(secondBrand, "brands"));

        // Numbers: a value or a range.
        Assert.Equal([$"Green wool {s.Word}"], Names(await SearchAsync(client, $"{q}&attr.{s.Weight}=100..600")));
        Assert.Equal([$"Green wool {s.Word}"], Names(await SearchAsync(client, $"{q}&attr.{s.Weight}=500.0")));
        Assert.Equal(0, (await SearchAsync(client, $"{q}&attr.{s.Weight}=501..")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task AFacetValueWithACommaOrSpeltLikeANumberCanBeChosenOnTheStorefront()
    {
        using var client = shop.CreateStorefrontClient();
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var word = Word();
        var shelf = new Shelf(word, $"shelf-{word}", $"first-{word}", $"second-{word}");
        await PostAsync(staff, "/api/categories", new { name = $"Shelf {word}", slug = shelf.Category, parent = "clothing" });
        await PostAsync(staff, "/api/brands", new { name = $"First {word}", slug = shelf.Brand1 });
        var finish = $"finish-{word}";
        await AddAsync(staff, shelf, "Matte lamp", shelf.Brand1, new() { [finish] = "Black, matte" });
        await AddAsync(staff, shelf, "Old lamp", shelf.Brand1, new() { [finish] = "2.0" });
        await AddAsync(staff, shelf, "Plain lamp", shelf.Brand1, new() { [finish] = "black" });
        await SearchUntilAsync(client, $"q={word}", 3);

        var facet = Values(await SearchAsync(client, $"q={word}"), finish);
        Assert.Equal(new Dictionary<string, long> { ["black, matte"] = 1, ["2.0"] = 1, ["black"] = 1 }, facet);

        // Quoted, a value is taken as written: its comma is no "or", and "2.0" is that text, not the number 2.
        var matte = await SearchAsync(client, $"q={word}&attr.{finish}={Uri.EscapeDataString("\"black, matte\"")}");
        Assert.Equal([$"Matte lamp {word}"], Names(matte));
        Assert.Equal([$"Old lamp {word}"], Names(await SearchAsync(client, $"q={word}&attr.{finish}=%222.0%22")));
        using (var open = await client.GetAsync($"/api/search?q={word}&attr.{finish}=%22black", Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, open.StatusCode);
        }

        // The storefront's facet links carry the value as it is and ask the API with it quoted.
        foreach (var (value, product) in new[] { ("black, matte", "Matte lamp"), ("2.0", "Old lamp") })
        {
            var page = await client.GetStringAsync($"/search?q={word}&attr.{finish}={Uri.EscapeDataString(value)}", Cancellation);
            Assert.Contains($"{product} {word}", page);
            Assert.DoesNotContain($"Plain lamp {word}", page);
        }
    }

    [Fact]
    public async Task ACategoryListingCountsAttributesAndFiltersByThem()
    {
        using var client = shop.CreateStorefrontClient();
        var s = await StockShelfAsync(client);
        var listing = $"category={s.Category}";

        // Without attribute filters every facet comes from the summaries, refreshed within seconds of a change.
        var all = await Eventually.WaitForAsync(
            () => SearchAsync(client, listing), r => Values(r, s.Colour).Values.Sum() == 4, TimeSpan.FromSeconds(60));
        Assert.Equal(4, all.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { [s.Red] = 2, [s.Blue] = 1, [s.Green] = 1 }, Values(all, s.Colour));
        Assert.Equal(new Dictionary<string, long> { [s.Red] = 1, [s.Blue] = 1, [s.Green] = 1 }, Values(await SearchAsync(client, $"{listing}&brand={s.Brand1}"), s.Colour));

        var redOrGreen = await SearchAsync(client, $"{listing}&attr.{s.Colour}={s.Red}&attr.{s.Colour}={s.Green}");
        Assert.Equal([$"Green wool {s.Word}", $"Red cotton {s.Word}", $"Red wool {s.Word}"], SortedNames(redOrGreen));
        Assert.Equal(new Dictionary<string, long> { [s.Red] = 2, [s.Blue] = 1, [s.Green] = 1 }, Values(redOrGreen, s.Colour));
        Assert.Equal(new Dictionary<string, long> { [s.Wool] = 2, [s.Cotton] = 1 }, Values(redOrGreen, s.Material));
        Assert.Equal(new Dictionary<string, long> { [s.Brand1] = 2, [s.Brand2] = 1 }, Facet(redOrGreen, "brands"));

        var woolRed = await SearchAsync(client, $"{listing}&attr.{s.Material}={s.Wool}&attr.{s.Colour}={s.Red}");
        Assert.Equal([$"Red wool {s.Word}"], Names(woolRed));
        Assert.Equal(1, woolRed.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { [s.Red] = 1, [s.Blue] = 1, [s.Green] = 1 }, Values(woolRed, s.Colour));
        Assert.False(woolRed.GetProperty("facets").GetProperty("attributeCountsAreLowerBounds").GetBoolean());
    }

    [Fact]
    public async Task DemoCategoriesOfferTheirProductsStyles()
    {
        using var client = shop.CreateStorefrontClient();

        var tops = await Eventually.WaitForAsync(() => SearchAsync(client, "category=tops"), r => Values(r, "style").Count > 0);

        Assert.Subset(new HashSet<string> { "merino", "organic cotton", "linen", "heavyweight", "slub cotton", "recycled", "brushed", "pima cotton" }, Values(tops, "style").Keys.ToHashSet());
        // The filter itself, not the style facet: with an attribute filtered on, facets count a capped sample of the
        // category (20 products in the tests), which other tests' products in tops may fill.
        var merino = await SearchAsync(client, "category=tops&attr.style=merino");
        Assert.True(merino.GetProperty("total").GetInt64() > 0);
    }

    [Theory]
    [InlineData("attr.Colour=red", "attr.Colour")]
    [InlineData("attr.colour=", "attr.colour")]
    [InlineData("attr.weight=500..100", "attr.weight")]
    [InlineData("attr.weight=light..heavy", "attr.weight")]
    public async Task BadAttributeFiltersAreFieldErrors(string queryString, string field)
    {
        using var client = shop.CreateStorefrontClient();
        using var response = await client.GetAsync($"/api/search?q=lamp&{queryString}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains(field, StaffCatalog.FieldErrors(problem));
    }
}
