using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Catalog;

/// <summary>
/// <c>GET /api/skus</c> is anonymous (the basket asks it without a token), so what it answers shoppers must not tell
/// them about products that are not on sale.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class SkuLookupTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShoppersGetOnlySkusOfProductsOnSaleAndStaffGetDraftsMarkedUnpublished()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var publishedTag = StaffCatalog.NewTag();
        var draftTag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(publishedTag), Cancellation);
        await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(draftTag, published: false), Cancellation);
        var onSale = $"TEE-{publishedTag}-S".ToUpperInvariant();
        var draft = $"TEE-{draftTag}-S".ToUpperInvariant();
        var path = $"/api/skus?codes={onSale}&codes={draft}&codes=NO-SUCH-SKU-{draftTag}";

        using var anonymous = shop.CreateStorefrontClient();
        Assert.Equal([onSale], await CodesAsync(anonymous, path));
        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        Assert.Equal([onSale], await CodesAsync(asCustomer, path));

        var found = await staff.GetFromJsonAsync<JsonElement>(path, Cancellation);
        var byCode = found.EnumerateArray().ToDictionary(s => s.GetProperty("sku").GetString()!);
        Assert.Equal(new[] { draft, onSale }.Order(StringComparer.Ordinal), byCode.Keys.Order(StringComparer.Ordinal));
        Assert.False(byCode[draft].GetProperty("isPublished").GetBoolean());
        Assert.StartsWith("Staff tee", byCode[draft].GetProperty("productName").GetString());
        Assert.True(byCode[onSale].GetProperty("isPublished").GetBoolean());
    }

    [Fact]
    public async Task ATokenThatDoesNotValidateIsAShopperNotA401()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag, published: false), Cancellation);
        var draft = StaffCatalog.SmallSku(tag);
        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        var admin = await Accounts.AdminAsync(shop);

        foreach (var (kind, token) in new[]
                 {
                     ("garbage", "not-a-token"),
                     ("customer's with an admin role added", TokenValidationTests.Tampered(customer.AccessToken)),
                     ("admin's unsigned", TokenValidationTests.Unsigned(admin.AccessToken)),
                 })
        {
            using var client = shop.CreateStorefrontClient().As(token);
            using var response = await client.GetAsync($"/api/skus?codes={draft}", Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind} token: {response.StatusCode}");
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetArrayLength() == 0, $"{kind} token saw the draft");
        }
    }

    private static async Task<List<string>> CodesAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(path, Cancellation)).EnumerateArray().Select(s => s.GetProperty("sku").GetString()!).ToList();
}
