using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Catalog;

/// <summary>Products made the way staff make them: through the storefront's API with an admin's token.</summary>
public static class StaffCatalog
{
    public static async Task<HttpClient> StaffClientAsync(ShopAppFixture shop) =>
        shop.CreateStorefrontClient().As((await Accounts.AdminAsync(shop)).AccessToken);

    public static string NewTag() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>The code of the small size of the tee that <see cref="NewProduct"/> makes for <paramref name="tag"/>.</summary>
    public static string SmallSku(string tag) => $"TEE-{tag}-S".ToUpperInvariant();

    /// <summary>A product in Tops by Northwind with two sizes (M at a price of its own), as a draft unless published.</summary>
    public static object NewProduct(string tag, bool published = true, long price = 5000, int onHand = 5, object? attributes = null) => new
    {
        name = $"Staff tee {tag}",
        slug = $"staff-tee-{tag}",
        description = "A tee staff made for a test.",
        category = "tops",
        brand = "northwind",
        price,
        currency = "EUR",
        compareAtPrice = price + 1500,
        attributes = attributes ?? new Dictionary<string, object> { ["material"] = "merino", ["weight-grams"] = 180, ["waterproof"] = false },
        published,
        skus = new object[]
        {
            new { code = SmallSku(tag), options = new Dictionary<string, string> { ["size"] = "S", ["colour"] = "navy" }, onHand, weightGrams = 200 },
            new { code = $"TEE-{tag}-M".ToUpperInvariant(), options = new Dictionary<string, string> { ["size"] = "M", ["colour"] = "navy" }, price = price + 500, onHand = 0, weightGrams = 210 },
        },
    };

    public static async Task<JsonElement> CreateAsync(HttpClient staff, object product, CancellationToken ct)
    {
        using var created = await staff.PostAsJsonAsync("/api/products", product, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    public static List<string?> FieldErrors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
}
