using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Search;

/// <summary>
/// Attribute counts of listings without words, which come from the attribute summary when the filters are a
/// category, brands, stock and whole price ranges; on a category, brands and an attribute of their own, so every
/// count is exact.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ListingAttributeSummaryTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListingAttributeCountsFollowTheFiltersAndTheCatalog()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        using var client = shop.CreateStorefrontClient();
        var word = Word();
        var colour = $"colour-{word}";
        var (red, blue, green) = ($"red-{word}", $"blue-{word}", $"green-{word}");
        var (shelf, rack, first, second) = ($"shelf-{word}", $"rack-{word}", $"first-{word}", $"second-{word}");
        await PostAsync(staff, "/api/categories", new { name = $"Shelf {word}", slug = shelf, parent = "clothing" });
        await PostAsync(staff, "/api/categories", new { name = $"Rack {word}", slug = rack, parent = shelf });
        await PostAsync(staff, "/api/brands", new { name = $"First {word}", slug = first });
        await PostAsync(staff, "/api/brands", new { name = $"Second {word}", slug = second });

        // Prices in the ranges 25.00-50.00 and 50.00-100.00; the green one is out of stock; two in the sub-category.
        await AddAsync(staff, word, "Red cheap", shelf, first, 3000, onHand: 3, (colour, red));
        await AddAsync(staff, word, "Blue cheap", shelf, first, 3000, onHand: 3, (colour, blue));
        await AddAsync(staff, word, "Red dear", rack, second, 8000, onHand: 3, (colour, red));
        await AddAsync(staff, word, "Green dear", rack, first, 8000, onHand: 0, (colour, green));

        var listing = $"category={shelf}";
        // The summary is refreshed within seconds of the index's change.
        Assert.Equal(new Dictionary<string, long> { [red] = 2, [blue] = 1, [green] = 1 },
            await ColoursUntilAsync(client, listing, colour, new() { [red] = 2, [blue] = 1, [green] = 1 }));
        Assert.Equal(new Dictionary<string, long> { [red] = 1, [green] = 1 }, await ColoursAsync(client, $"category={rack}", colour));
        Assert.Equal(new Dictionary<string, long> { [red] = 1, [blue] = 1, [green] = 1 }, await ColoursAsync(client, $"{listing}&brand={first}", colour));
        Assert.Equal(new Dictionary<string, long> { [red] = 2, [blue] = 1 }, await ColoursAsync(client, $"{listing}&brand={first}&brand={second}&inStock=true", colour));
        Assert.Equal(new Dictionary<string, long> { [red] = 2, [blue] = 1 }, await ColoursAsync(client, $"{listing}&inStock=true", colour));
        Assert.Equal(new Dictionary<string, long> { [red] = 1, [green] = 1 }, await ColoursAsync(client, $"{listing}&minPrice=5000&maxPrice=9999", colour));
        Assert.Equal(new Dictionary<string, long> { [red] = 1, [blue] = 1 }, await ColoursAsync(client, $"{listing}&brand={first}&inStock=true&maxPrice=4999", colour));
        // A price cutting through a range is counted over the products themselves.
        Assert.Equal(new Dictionary<string, long> { [red] = 1, [green] = 1 }, await ColoursAsync(client, $"{listing}&minPrice=4000&maxPrice=9000", colour));
        var exact = await SearchAsync(client, $"{listing}&inStock=true");
        Assert.False(exact.GetProperty("facets").GetProperty("attributeCountsAreLowerBounds").GetBoolean());

        // A new product and a red one's last units written off show once the summary is refreshed.
        await AddAsync(staff, word, "Blue second", shelf, second, 3000, onHand: 2, (colour, blue));
        await PostAsync(staff, $"/api/skus/{SkuCode(word, "Red cheap")}/stock-adjustments", new { delta = -3, reason = "Damaged in a search test" });
        Assert.Equal(new Dictionary<string, long> { [red] = 1, [blue] = 2 },
            await ColoursUntilAsync(client, $"{listing}&inStock=true", colour, new() { [red] = 1, [blue] = 2 }));
        Assert.Equal(new Dictionary<string, long> { [red] = 2, [blue] = 2, [green] = 1 }, await ColoursAsync(client, listing, colour));
        Assert.Equal(new Dictionary<string, long> { [red] = 1, [blue] = 1 }, await ColoursAsync(client, $"{listing}&brand={second}", colour));
        Assert.Equal(new Dictionary<string, long> { [blue] = 1 }, await ColoursAsync(client, $"{listing}&brand={first}&inStock=true&maxPrice=4999", colour));
    }

    private static async Task PostAsync(HttpClient staff, string path, object body)
    {
        using var response = await staff.PostAsJsonAsync(path, body, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
    }

    private static string SkuCode(string word, string name) => $"{word}-{name.Replace(' ', '-')}".ToUpperInvariant();

    private static async Task AddAsync(
        HttpClient staff, string word, string name, string category, string brand, long price, int onHand, (string Name, string Value) attribute)
    {
        using var response = await staff.PostAsJsonAsync("/api/products", new
        {
            name = $"{name} {word}",
            slug = $"{name.Replace(' ', '-').ToLowerInvariant()}-{word}",
            description = "Made for a listing attribute summary test.",
            category,
            brand,
            price,
            currency = "EUR",
            attributes = new Dictionary<string, object> { [attribute.Name] = attribute.Value },
            published = true,
            skus = new[] { new { code = SkuCode(word, name), options = new Dictionary<string, string>(), onHand, weightGrams = 300 } },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<Dictionary<string, long>> ColoursAsync(HttpClient client, string listing, string attribute) =>
        Values(await SearchAsync(client, listing), attribute);

    private static Task<Dictionary<string, long>> ColoursUntilAsync(HttpClient client, string listing, string attribute, Dictionary<string, long> expected) =>
        Eventually.WaitForAsync(() => ColoursAsync(client, listing, attribute), counts => counts.Count == expected.Count && !counts.Except(expected).Any(),
            TimeSpan.FromSeconds(60));

    private static Dictionary<string, long> Values(JsonElement result, string attribute) =>
        result.GetProperty("facets").GetProperty("attributes").EnumerateArray()
            .Where(a => a.GetProperty("name").GetString() == attribute)
            .SelectMany(a => a.GetProperty("values").EnumerateArray())
            .ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt64());
}
