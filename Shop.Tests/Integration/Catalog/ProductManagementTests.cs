using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Messaging;

namespace Shop.Tests.Integration.Catalog;

/// <summary>Records the ProductChanged events the catalog publishes.</summary>
public sealed class ProductChangedRecorder : IIntegrationEventHandler<ProductChanged>
{
    public static readonly ConcurrentDictionary<Guid, int> Seen = new();

    public Task HandleAsync(ProductChanged integrationEvent, CancellationToken cancellationToken)
    {
        Seen.AddOrUpdate(integrationEvent.ProductId, 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}

[Collection(ShopCollection.Name)]
public sealed class ProductManagementTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUpdateCanAddAnAttributeTheProductDidNotHave()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();

        using var updated = await staff.PutAsJsonAsync($"/api/products/{id}", new
        {
            name = $"Staff tee {tag}", slug = $"staff-tee-{tag}", description = "Now in a season.", category = "tops", brand = "northwind",
            price = 5000, currency = "EUR", attributes = new Dictionary<string, object> { ["material"] = "merino", ["season"] = "winter" },
        }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var product = await staff.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation);
        var attributes = product.GetProperty("attributes");
        Assert.Equal("winter", attributes.GetProperty("season").GetString());
        Assert.Equal("merino", attributes.GetProperty("material").GetString());
        Assert.False(attributes.TryGetProperty("waterproof", out _));
    }

    [Fact]
    public async Task StaffCreateADraftPublishItAndShoppersSeeVariantsAttributesAndStock()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var draft = await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag, published: false), Cancellation);
        var id = draft.GetProperty("id").GetGuid();
        Assert.False(draft.GetProperty("isPublished").GetBoolean());

        using var shopper = shop.CreateStorefrontClient();
        using (var hidden = await shopper.GetAsync($"/api/products/staff-tee-{tag}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var published = await staff.PostAsync($"/api/products/{id}/publish", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        var product = await shopper.GetFromJsonAsync<JsonElement>($"/api/products/staff-tee-{tag}", Cancellation);
        Assert.Equal(id, product.GetProperty("id").GetGuid());
        Assert.Equal(5000, product.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(6500, product.GetProperty("compareAtPrice").GetInt64());
        Assert.True(product.GetProperty("inStock").GetBoolean());
        var attributes = product.GetProperty("attributes");
        Assert.Equal("merino", attributes.GetProperty("material").GetString());
        Assert.Equal(180, attributes.GetProperty("weight-grams").GetDecimal());
        Assert.Equal(JsonValueKind.False, attributes.GetProperty("waterproof").ValueKind);
        var variants = product.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(2, variants.Count);
        var small = variants.Single(v => v.GetProperty("options").GetProperty("size").GetString() == "S");
        var medium = variants.Single(v => v.GetProperty("options").GetProperty("size").GetString() == "M");
        Assert.Equal("navy", small.GetProperty("options").GetProperty("colour").GetString());
        Assert.Equal(5000, small.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(5, small.GetProperty("available").GetInt32());
        Assert.Equal(5500, medium.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(0, medium.GetProperty("available").GetInt32());

        using (var unpublished = await staff.PostAsync($"/api/products/{id}/unpublish", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        }

        using var gone = await shopper.GetAsync($"/api/products/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task CatalogWritesNeedTheStaffRole()
    {
        var tag = StaffCatalog.NewTag();
        using var anonymous = shop.CreateStorefrontClient();
        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);

        using var signedOut = await anonymous.PostAsJsonAsync("/api/products", StaffCatalog.NewProduct(tag), Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        using var notStaff = await asCustomer.PostAsJsonAsync("/api/products", StaffCatalog.NewProduct(tag), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        using var adjust = await asCustomer.PostAsJsonAsync($"/api/skus/{sku}/stock-adjustments", new { delta = 100, reason = "free stock" }, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, adjust.StatusCode);
        using var movements = await asCustomer.GetAsync($"/api/skus/{sku}/stock-movements", Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, movements.StatusCode);

        Assert.Equal(5, (await CatalogTestData.SkuAsync(shop, sku)).OnHand);
        using var notCreated = await anonymous.GetAsync($"/api/products/staff-tee-{tag}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, notCreated.StatusCode);
    }

    [Fact]
    public async Task BadProductFieldsAreFieldErrorsAndChangeNothing()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();

        using var malformed = await staff.PostAsJsonAsync("/api/products", new
        {
            name = "",
            slug = $"Bad Slug {tag}",
            category = "tops",
            brand = "northwind",
            price = -1,
            currency = "eur",
            compareAtPrice = -5,
            attributes = new Dictionary<string, object> { ["Bad Name"] = 1, ["colour"] = new[] { 1 } },
            published = true,
            skus = new object[] { new { code = "bad code", onHand = -1, weightGrams = -3, price = -2 } },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var fields = StaffCatalog.FieldErrors(await malformed.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
        foreach (var field in new[] { "name", "slug", "price", "currency", "compareAtPrice", "attributes.Bad Name", "attributes.colour",
                     "skus[0].code", "skus[0].onHand", "skus[0].weightGrams", "skus[0].price" })
        {
            Assert.Contains(field, fields);
        }

        using var unknown = await staff.PostAsJsonAsync("/api/products", new
        {
            name = "Unknowns",
            slug = "merino-crew-t-shirt",
            category = $"no-such-{tag}",
            brand = $"no-such-{tag}",
            price = 100,
            currency = "EUR",
            skus = new object[] { new { code = "MERINO-CREW-T-SHIRT-M", onHand = 1, weightGrams = 1 } },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var unknownFields = StaffCatalog.FieldErrors(await unknown.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
        Assert.Equal(["category", "brand", "slug", "skus[0].code"], unknownFields);

        var created = await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation);
        var id = created.GetProperty("id").GetGuid();
        using var badUpdate = await staff.PutAsJsonAsync($"/api/products/{id}", new
        {
            name = "Renamed", slug = $"staff-tee-{tag}", category = "tops", brand = "northwind", price = 4000, currency = "EUR", compareAtPrice = 3000,
        }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badUpdate.StatusCode);
        Assert.Equal(["compareAtPrice"], StaffCatalog.FieldErrors(await badUpdate.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));

        using var shopper = shop.CreateStorefrontClient();
        var unchanged = await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation);
        Assert.Equal($"Staff tee {tag}", unchanged.GetProperty("name").GetString());
        Assert.Equal(5000, unchanged.GetProperty("price").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task StaffChangeAProductAndEveryReplicaShowsItOnTheNextRead()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        using var shopper = shop.CreateStorefrontClient();
        for (var i = 0; i < 10; i++)
        {
            // Fills the cache, whichever replica answers.
            Assert.Equal(5000, (await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation)).GetProperty("price").GetProperty("amount").GetInt64());
            await shopper.GetFromJsonAsync<JsonElement>($"/api/products/staff-tee-{tag}", Cancellation);
        }

        using var updated = await staff.PutAsJsonAsync($"/api/products/{id}", new
        {
            name = $"Staff tee {tag} v2", slug = $"staff-tee-{tag}-v2", description = "Now cheaper.", category = "tops", brand = "northwind",
            price = 4200, currency = "EUR", compareAtPrice = 5000, attributes = new { material = "cotton" },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        for (var i = 0; i < 20; i++)
        {
            var product = await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation);
            Assert.Equal(4200, product.GetProperty("price").GetProperty("amount").GetInt64());
            var variants = product.GetProperty("variants").EnumerateArray().ToList();
            // The variant without a price of its own follows the product; the one with its own keeps it.
            Assert.Contains(variants, v => v.GetProperty("price").GetProperty("amount").GetInt64() == 4200);
            Assert.Contains(variants, v => v.GetProperty("price").GetProperty("amount").GetInt64() == 5500);
            Assert.Equal("cotton", Assert.Single(product.GetProperty("attributes").EnumerateObject()).Value.GetString());
            using var oldSlug = await shopper.GetAsync($"/api/products/staff-tee-{tag}", Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, oldSlug.StatusCode);
        }

        var small = StaffCatalog.SmallSku(tag);
        using var counted = await staff.PostAsJsonAsync($"/api/skus/{small}/stock-adjustments", new { delta = 7, reason = "delivery from the mill" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        for (var i = 0; i < 20; i++)
        {
            var product = await shopper.GetFromJsonAsync<JsonElement>($"/api/products/staff-tee-{tag}-v2", Cancellation);
            Assert.Equal(12, product.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("sku").GetString() == small).GetProperty("available").GetInt32());
        }
    }

    [Fact]
    public async Task AnUnpublishedProductIsNeverServedToShoppersFromTheCache()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        using var shopper = shop.CreateStorefrontClient();
        for (var i = 0; i < 4; i++)
        {
            // Stored under its id and its slug, whichever replica answers.
            Assert.Equal(id, (await shopper.GetFromJsonAsync<JsonElement>($"/api/products/staff-tee-{tag}", Cancellation)).GetProperty("id").GetGuid());
            Assert.Equal(id, (await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation)).GetProperty("id").GetGuid());
        }

        using (var unpublished = await staff.PostAsync($"/api/products/{id}/unpublish", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        }

        for (var i = 0; i < 4; i++)
        {
            using var bySlug = await shopper.GetAsync($"/api/products/staff-tee-{tag}", Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, bySlug.StatusCode);
            using var byId = await shopper.GetAsync($"/api/products/{id}", Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
            // Staff still see the draft, read past the cache, and that read leaves nothing for shoppers.
            var draft = await staff.GetFromJsonAsync<JsonElement>($"/api/products/staff-tee-{tag}", Cancellation);
            Assert.False(draft.GetProperty("isPublished").GetBoolean());
        }

        using (var published = await staff.PostAsync($"/api/products/{id}/publish", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        var page = await shopper.GetFromJsonAsync<JsonElement>($"/api/products/staff-tee-{tag}", Cancellation);
        Assert.True(page.GetProperty("isPublished").GetBoolean());
        Assert.Equal(5000, page.GetProperty("price").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task StockAdjustmentsKeepAnAuditTrailAndNeverGoBelowReserved()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 10);
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        using (var reserved = await catalog.PostAsJsonAsync("/api/stock/reservations",
                   new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 3 } } }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
        }

        using var tooMuch = await staff.PostAsJsonAsync($"/api/skus/{sku}/stock-adjustments", new { delta = -8, reason = "water damage" }, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Equal("stock-below-reserved", (await tooMuch.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("code").GetString());

        using var bad = await staff.PostAsJsonAsync($"/api/skus/{sku}/stock-adjustments", new { delta = 0, reason = "" }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["delta", "reason"], StaffCatalog.FieldErrors(await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));

        using var writtenOff = await staff.PostAsJsonAsync($"/api/skus/{sku}/stock-adjustments", new { delta = -7, reason = "water damage" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, writtenOff.StatusCode);
        var level = await writtenOff.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(3, level.GetProperty("onHand").GetInt32());
        Assert.Equal(3, level.GetProperty("reserved").GetInt32());
        Assert.Equal(0, level.GetProperty("available").GetInt32());

        var trail = await staff.GetFromJsonAsync<JsonElement>($"/api/skus/{sku}/stock-movements", Cancellation);
        var movements = trail.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, movements.Count);
        Assert.Equal("water damage", movements[0].GetProperty("reason").GetString());
        Assert.Equal(-7, movements[0].GetProperty("onHandChange").GetInt32());
        Assert.Equal("admin@shop.local", movements[0].GetProperty("actor").GetString());
        Assert.Equal(3, movements[1].GetProperty("reservedChange").GetInt32());

        using var unknown = await staff.PostAsJsonAsync("/api/skus/NO-SUCH-SKU/stock-adjustments", new { delta = 1, reason = "found it" }, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task StaffAddAndChangeVariantsAndDeleteProducts()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        var large = $"TEE-{tag}-L".ToUpperInvariant();

        using var added = await staff.PostAsJsonAsync($"/api/products/{id}/skus",
            new { code = large, options = new { size = "L", colour = "navy" }, onHand = 4, weightGrams = 220 }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var duplicate = await staff.PostAsJsonAsync($"/api/products/{id}/skus",
            new { code = large, onHand = 1, weightGrams = 1 }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(["code"], StaffCatalog.FieldErrors(await duplicate.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));

        using var changed = await staff.PutAsJsonAsync($"/api/skus/{large}",
            new { options = new { size = "L", colour = "red" }, price = 6000, compareAtPrice = 7000, weightGrams = 230 }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var badChange = await staff.PutAsJsonAsync($"/api/skus/{large}", new { price = 6000, compareAtPrice = 100, weightGrams = -1 }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badChange.StatusCode);

        using var shopper = shop.CreateStorefrontClient();
        var product = await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation);
        var variant = product.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("sku").GetString() == large);
        Assert.Equal("red", variant.GetProperty("options").GetProperty("colour").GetString());
        Assert.Equal(6000, variant.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(7000, variant.GetProperty("compareAtPrice").GetInt64());
        Assert.Equal(4, variant.GetProperty("available").GetInt32());

        using var deleted = await staff.DeleteAsync($"/api/products/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await shopper.GetAsync($"/api/products/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var listed = await shopper.GetFromJsonAsync<JsonElement>("/api/products?category=tops&pageSize=100", Cancellation);
        Assert.DoesNotContain(id, listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        // Shoppers are not told a deleted product's SKU exists; staff still find it, not on sale.
        var lookup = await shopper.GetFromJsonAsync<JsonElement>($"/api/skus?codes={large}", Cancellation);
        Assert.Empty(lookup.EnumerateArray());
        var staffLookup = await staff.GetFromJsonAsync<JsonElement>($"/api/skus?codes={large}", Cancellation);
        Assert.False(Assert.Single(staffLookup.EnumerateArray()).GetProperty("isPublished").GetBoolean());
        using var deletedAgain = await staff.DeleteAsync($"/api/products/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }

    [Fact]
    public async Task EveryChangePublishesProductChanged()
    {
        await using var search = await MessagingTestHost.StartAsync(shop,
            builder => builder.Services.AddEventHandler<ProductChanged, ProductChangedRecorder>(), Cancellation);
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();

        var id = (await StaffCatalog.CreateAsync(staff, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        await Eventually.WaitForAsync(() => Task.FromResult(ProductChangedRecorder.Seen.GetValueOrDefault(id)), seen => seen >= 1);
        Assert.Equal(1, ProductChangedRecorder.Seen.GetValueOrDefault(id));

        using (await staff.PostAsync($"/api/products/{id}/unpublish", null, Cancellation))
        {
        }

        var small = StaffCatalog.SmallSku(tag);
        using (await staff.PostAsJsonAsync($"/api/skus/{small}/stock-adjustments", new { delta = 1, reason = "recount" }, Cancellation))
        {
        }

        var seen = await Eventually.WaitForAsync(() => Task.FromResult(ProductChangedRecorder.Seen.GetValueOrDefault(id)), count => count >= 3);
        Assert.Equal(3, seen);
    }
}
