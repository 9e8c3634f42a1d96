using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.BackOffice;

/// <summary>What the back office reads from the catalog: drafts, listings with drafts, and SKUs running out.</summary>
[Collection(ShopCollection.Name)]
public sealed class BackOfficeCatalogTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffReadAndListDraftsThatShoppersAndCustomersCannot()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag, published: false), Cancellation)).GetProperty("id").GetGuid();

        foreach (var path in new[] { $"/api/products/{id}", $"/api/products/staff-tee-{tag}" })
        {
            var draft = await staff.GetFromJsonAsync<JsonElement>(path, Cancellation);
            Assert.Equal(id, draft.GetProperty("id").GetGuid());
            Assert.False(draft.GetProperty("isPublished").GetBoolean());
        }

        using var customer = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);
        using var anonymous = shop.CreateStorefrontClient();
        foreach (var client in new[] { customer, anonymous })
        {
            using var hidden = await client.GetAsync($"/api/products/{id}", Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        // Found by a SKU code in the staff listing, drafts only; published products are not in the draft list.
        var drafts = await staff.GetFromJsonAsync<JsonElement>($"/api/products?status=draft&text=TEE-{tag}-S", Cancellation);
        Assert.Equal(1, drafts.GetProperty("total").GetInt64());
        Assert.False(drafts.GetProperty("items")[0].GetProperty("isPublished").GetBoolean());
        // The name holds the tag: the draft is in "all", and not in the listing shoppers get even with a staff token.
        var published = await staff.GetFromJsonAsync<JsonElement>($"/api/products?text={tag}", Cancellation);
        Assert.Equal(0, published.GetProperty("total").GetInt64());
        var all = await staff.GetFromJsonAsync<JsonElement>($"/api/products?status=all&text={tag}", Cancellation);
        Assert.Equal(1, all.GetProperty("total").GetInt64());
        var bySlug = await staff.GetFromJsonAsync<JsonElement>($"/api/products?status=all&text=staff-tee-{tag}", Cancellation);
        Assert.Equal(1, bySlug.GetProperty("total").GetInt64());

        using (var signedOut = await anonymous.GetAsync("/api/products?status=draft", Cancellation))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        }

        using (var notStaff = await customer.GetAsync("/api/products?status=all", Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        }

        using var badStatus = await staff.GetAsync("/api/products?status=hidden", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("status", StaffCatalog.FieldErrors(await badStatus.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
    }

    [Fact]
    public async Task LowStockListsSkusAtOrBelowTheThresholdFewestFirst()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        // S has 3 on hand, M none.
        await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag, published: false, onHand: 3), Cancellation);
        var (small, medium) = (StaffCatalog.SmallSku(tag), $"TEE-{tag}-M".ToUpperInvariant());

        var atZero = await LowStockCodesAsync(staff, threshold: 0);
        Assert.Contains(medium, atZero);
        Assert.DoesNotContain(small, atZero);

        var atThree = await LowStockCodesAsync(staff, threshold: 3);
        Assert.Contains(medium, atThree);
        Assert.Contains(small, atThree);
        Assert.True(atThree.IndexOf(medium) < atThree.IndexOf(small));

        using (var restocked = await staff.PostAsJsonAsync($"/api/skus/{small}/stock-adjustments", new { delta = 10, reason = "Delivery" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, restocked.StatusCode);
        }

        Assert.DoesNotContain(small, await LowStockCodesAsync(staff, threshold: 3));

        using var customer = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);
        using (var notStaff = await customer.GetAsync("/api/skus/low-stock", Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        }

        using var anonymous = shop.CreateStorefrontClient();
        using (var signedOut = await anonymous.GetAsync("/api/skus/low-stock", Cancellation))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        }

        using var negative = await staff.GetAsync("/api/skus/low-stock?threshold=-1", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("threshold", StaffCatalog.FieldErrors(await negative.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
    }

    /// <summary>All the SKUs at or below the threshold, fewest available first (every page, since other tests add their own).</summary>
    private static async Task<List<string>> LowStockCodesAsync(HttpClient staff, int threshold)
    {
        var codes = new List<string>();
        for (var page = 1; ; page++)
        {
            var list = await staff.GetFromJsonAsync<JsonElement>($"/api/skus/low-stock?threshold={threshold}&page={page}&pageSize=100", Cancellation);
            var items = list.GetProperty("items").EnumerateArray().ToList();
            Assert.All(items, i => Assert.True(i.GetProperty("available").GetInt32() <= threshold));
            codes.AddRange(items.Select(i => i.GetProperty("sku").GetString()!));
            if (items.Count < 100)
            {
                return codes;
            }
        }
    }
}
