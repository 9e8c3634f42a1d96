using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Catalog;

/// <summary>
/// Two staff members editing one product or variant: an edit made from an older revision is refused (409) and
/// changes nothing, so one person's save never silently undoes another's.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class EditRevisionTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static object Details(string tag, string name, int? revision) => new
    {
        name, slug = $"staff-tee-{tag}", description = "Edited.", category = "tops", brand = "northwind", price = 5000, currency = "EUR",
        attributes = new Dictionary<string, object> { ["material"] = "merino" }, revision,
    };

    [Fact]
    public async Task AProductEditFromAnOlderRevisionIsRefusedAndChangesNothing()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var created = await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation);
        var id = created.GetProperty("id").GetGuid();
        var opened = created.GetProperty("revision").GetInt32();

        using (var first = await staff.PutAsJsonAsync($"/api/products/{id}", Details(tag, "First edit", opened), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(opened + 1, (await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("revision").GetInt32());
        }

        using (var stale = await staff.PutAsJsonAsync($"/api/products/{id}", Details(tag, "Second edit", opened), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal("edited-meanwhile", (await stale.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("code").GetString());
        }

        var product = await staff.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation);
        Assert.Equal("First edit", product.GetProperty("name").GetString());

        // Without a revision the edit replaces what is there, as before revisions existed.
        using var unconditional = await staff.PutAsJsonAsync($"/api/products/{id}", Details(tag, "Third edit", revision: null), Cancellation);
        Assert.Equal(HttpStatusCode.OK, unconditional.StatusCode);
    }

    [Fact]
    public async Task OfConcurrentEditsFromOneRevisionExactlyOneIsSaved()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var created = await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation);
        var id = created.GetProperty("id").GetGuid();
        var opened = created.GetProperty("revision").GetInt32();

        // All pass the early check; the database's check as the row is written lets one through.
        var edits = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await staff.PutAsJsonAsync($"/api/products/{id}", Details(tag, $"Edit {i}", opened), Cancellation);
            return (i, response.StatusCode);
        }));

        Assert.Single(edits, e => e.StatusCode == HttpStatusCode.OK);
        Assert.All(edits.Where(e => e.StatusCode != HttpStatusCode.OK), e => Assert.Equal(HttpStatusCode.Conflict, e.StatusCode));
        var winner = edits.Single(e => e.StatusCode == HttpStatusCode.OK).i;
        var product = await staff.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation);
        Assert.Equal($"Edit {winner}", product.GetProperty("name").GetString());
        Assert.Equal(opened + 1, product.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task AVariantEditFromAnOlderRevisionIsRefusedAndConcurrentOnesSaveOnce()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var created = await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation);
        var code = StaffCatalog.SmallSku(tag);
        var opened = created.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("sku").GetString() == code)
            .GetProperty("revision").GetInt32();

        var edits = await Task.WhenAll(Enumerable.Range(1, 8).Select(async grams =>
        {
            using var response = await staff.PutAsJsonAsync($"/api/skus/{code}",
                new { options = new { size = "S" }, weightGrams = grams, revision = opened }, Cancellation);
            return (grams, response.StatusCode);
        }));

        Assert.Single(edits, e => e.StatusCode == HttpStatusCode.OK);
        Assert.All(edits.Where(e => e.StatusCode != HttpStatusCode.OK), e => Assert.Equal(HttpStatusCode.Conflict, e.StatusCode));
        var product = await staff.GetFromJsonAsync<JsonElement>($"/api/products/{created.GetProperty("id").GetGuid()}", Cancellation);
        var variant = product.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("sku").GetString() == code);
        Assert.Equal(opened + 1, variant.GetProperty("revision").GetInt32());

        using var stale = await staff.PutAsJsonAsync($"/api/skus/{code}", new { options = new { size = "S" }, weightGrams = 99, revision = opened }, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var sku = (await staff.GetFromJsonAsync<JsonElement>($"/api/skus?codes={code}", Cancellation)).EnumerateArray().Single();
        Assert.Equal(edits.Single(e => e.StatusCode == HttpStatusCode.OK).grams, sku.GetProperty("weightGrams").GetInt32());
    }
}
