using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Checkout;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Ordering;
using Shop.Tests.Integration.Storefront;

namespace Shop.Tests.Integration.BackOffice;

/// <summary>The back office's forms posted as a staff member's browser posts them.</summary>
[Collection(ShopCollection.Name)]
public sealed class BackOfficeFormTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SavingAProductsDetailsSavesWhatWasTypedAndRefusesACommaOrABadAttribute()
    {
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(api, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        using var staff = await StaffAsync();
        var page = $"/admin/products/{id}";
        async Task<HttpResponseMessage> SaveAsync(string price, string attributes)
        {
            var form = await StorefrontForms.FormFieldsAsync(staff, page, "details", Cancellation);
            return await staff.PostAsync(page, new FormUrlEncodedContent(TypeDetails(form, tag, $"Renamed tee {tag}", price, attributes)), Cancellation);
        }

        // "12,50" is twelve fifty where a comma is the decimal mark: refused, never read as 1250.
        using (var comma = await SaveAsync("12,50", "material: linen"))
        {
            Assert.Equal(HttpStatusCode.OK, comma.StatusCode);
            Assert.Contains("Enter a price like", await comma.Content.ReadAsStringAsync(Cancellation));
        }

        using (var badAttribute = await SaveAsync("59.90", "Material: linen"))
        {
            Assert.Equal(HttpStatusCode.OK, badAttribute.StatusCode);
            Assert.Contains("Material: An attribute name is lower-case", await badAttribute.Content.ReadAsStringAsync(Cancellation));
        }

        Assert.Equal($"Staff tee {tag}", (await api.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation)).GetProperty("name").GetString());

        using (var saved = await SaveAsync("59.90", "material: linen"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var product = await api.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation);
        Assert.Equal($"Renamed tee {tag}", product.GetProperty("name").GetString());
        Assert.Equal(5990, product.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal("linen", product.GetProperty("attributes").GetProperty("material").GetString());
    }

    [Fact]
    public async Task SavingDetailsFromATabOpenedBeforeAnotherSaveSaysSoAndKeepsTheOtherSave()
    {
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(api, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        using var staff = await StaffAsync();
        var page = $"/admin/products/{id}";
        var firstTab = await StorefrontForms.FormFieldsAsync(staff, page, "details", Cancellation);
        var secondTab = await StorefrontForms.FormFieldsAsync(staff, page, "details", Cancellation);

        using (var first = await staff.PostAsync(page, new FormUrlEncodedContent(TypeDetails(firstTab, tag, $"First tab {tag}")), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using (var second = await staff.PostAsync(page, new FormUrlEncodedContent(TypeDetails(secondTab, tag, $"Second tab {tag}")), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            var html = await second.Content.ReadAsStringAsync(Cancellation);
            Assert.Contains("Someone else saved this product since you opened it", html);
            Assert.Contains($"Second tab {tag}", html);
        }

        Assert.Equal($"First tab {tag}", (await api.GetFromJsonAsync<JsonElement>($"/api/products/{id}", Cancellation)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task SavingAVariantFromATabOpenedBeforeAnotherSaveSaysSo()
    {
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(api, StaffCatalog.NewProduct(tag), Cancellation);
        using var staff = await StaffAsync();
        var page = $"/admin/skus/{StaffCatalog.SmallSku(tag)}";
        var firstTab = await StorefrontForms.FormFieldsAsync(staff, page, "sku", Cancellation);
        var secondTab = await StorefrontForms.FormFieldsAsync(staff, page, "sku", Cancellation);

        firstTab["Sku.Options"] = "size=S";
        firstTab["Sku.WeightGrams"] = "250";
        using (var first = await staff.PostAsync(page, new FormUrlEncodedContent(firstTab), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        secondTab["Sku.Options"] = "size=S";
        secondTab["Sku.WeightGrams"] = "260";
        using (var second = await staff.PostAsync(page, new FormUrlEncodedContent(secondTab), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Contains("Someone else saved this variant since you opened it", await second.Content.ReadAsStringAsync(Cancellation));
        }

        var sku = (await api.GetFromJsonAsync<JsonElement>($"/api/skus?codes={StaffCatalog.SmallSku(tag)}", Cancellation)).EnumerateArray().Single();
        Assert.Equal(250, sku.GetProperty("weightGrams").GetInt32());
    }

    [Fact]
    public async Task ADoubleClickedDeleteOrAnEditFromATabOpenedBeforeItAnswersNotFoundNotABare400()
    {
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(api, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        using var staff = await StaffAsync();
        var edit = $"/admin/products/{id}";
        var details = TypeDetails(await StorefrontForms.FormFieldsAsync(staff, edit, "details", Cancellation), tag, $"Late edit {tag}");
        var removePicture = await StorefrontForms.FormFieldsAsync(staff, edit, "delete-image", Cancellation);
        removePicture["RemoveImage.ImageId"] = Guid.NewGuid().ToString();
        var delete = await StorefrontForms.FormFieldsAsync(staff, $"{edit}/delete", "delete", Cancellation);

        // A product without pictures still has the form to remove one: its post gets the catalog's answer on the page.
        using (var noSuchPicture = await staff.PostAsync(edit, new FormUrlEncodedContent(removePicture), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, noSuchPicture.StatusCode);
        }

        using (var first = await staff.PostAsync($"{edit}/delete", new FormUrlEncodedContent(delete), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        foreach (var (page, form) in new[] { ($"{edit}/delete", delete), (edit, details) })
        {
            // The not-found page, as for any address of a deleted product.
            using var late = await staff.PostAsync(page, new FormUrlEncodedContent(form), Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
            Assert.Contains("<h1", await late.Content.ReadAsStringAsync(Cancellation));
        }
    }

    [Fact]
    public async Task OutOfRangeAmountsAndDatesAreFieldErrorsAndTheDashboardLinksToSkuPages()
    {
        using var staff = await StaffAsync();
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        using var guest = shop.CreateStorefrontClient();
        var placed = await CheckoutFlow.PaidGuestOrderAsync(shop, guest, sku);
        var orderId = CheckoutFlow.OrderId(placed);

        var refund = await StorefrontForms.FormFieldsAsync(staff, $"/admin/orders/{orderId}", "refund", Cancellation);
        refund["Refund.Amount"] = "100000000000000000";
        using (var huge = await staff.PostAsync($"/admin/orders/{orderId}", new FormUrlEncodedContent(refund), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, huge.StatusCode);
            Assert.Contains("Enter an amount like 12.50.", await huge.Content.ReadAsStringAsync(Cancellation));
        }

        Assert.Equal(0, (await OrderingTestData.ReloadAsync(shop, orderId)).Refunded.Amount);

        var promotion = await StorefrontForms.FormFieldsAsync(staff, "/admin/promotions", "new-promotion", Cancellation);
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["Promotion.Code"] = $"FOREVER{StaffCatalog.NewTag().ToUpperInvariant()}", ["Promotion.Description"] = "", ["Promotion.Kind"] = "percentage",
            ["Promotion.Value"] = "10", ["Promotion.Currency"] = "EUR", ["Promotion.ValidUntil"] = "9999-12-31", ["Promotion.IsActive"] = "true",
        })
        {
            promotion[name] = value;
        }

        using (var forever = await staff.PostAsync("/admin/promotions", new FormUrlEncodedContent(promotion), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, forever.StatusCode);
            Assert.Contains("Enter a date like", await forever.Content.ReadAsStringAsync(Cancellation));
        }

        using (var orders = await staff.GetAsync("/admin/orders?to=9999-12-31", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        }

        var dashboard = await staff.GetStringAsync("/admin", Cancellation);
        Assert.DoesNotContain("href=\"/admin/stock/", dashboard);
    }

    [Fact]
    public async Task ADoubleSubmittedRefundOrStockAdjustmentIsMadeOnce()
    {
        using var staff = await StaffAsync();
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 3000);
        using var guest = shop.CreateStorefrontClient();
        var placed = await CheckoutFlow.PaidGuestOrderAsync(shop, guest, sku);
        var orderId = CheckoutFlow.OrderId(placed);

        // Both posts carry the form as it was shown: one refund, one adjustment, whichever arrives first.
        var refund = await StorefrontForms.FormFieldsAsync(staff, $"/admin/orders/{orderId}", "refund", Cancellation);
        refund["Refund.Amount"] = "10.00";
        var refunds = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => staff.PostAsync($"/admin/orders/{orderId}", new FormUrlEncodedContent(refund), Cancellation)));
        using (var again = await staff.PostAsync($"/admin/orders/{orderId}", new FormUrlEncodedContent(refund), Cancellation))
        {
            Assert.All(refunds.Append(again), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        }

        Assert.Equal(1000, (await OrderingTestData.ReloadAsync(shop, orderId)).Refunded.Amount);

        await CatalogTestData.WaitForAsync(shop, sku, s => s.OnHand == 4);
        var adjust = await StorefrontForms.FormFieldsAsync(staff, $"/admin/skus/{sku}", "adjust", Cancellation);
        adjust["Adjust.Delta"] = "12";
        adjust["Adjust.Reason"] = "Delivery from supplier";
        var adjustments = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => staff.PostAsync($"/admin/skus/{sku}", new FormUrlEncodedContent(adjust), Cancellation)));
        using (var again = await staff.PostAsync($"/admin/skus/{sku}", new FormUrlEncodedContent(adjust), Cancellation))
        {
            Assert.All(adjustments.Append(again), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        }

        // 5 counted in at first, one sold, 12 delivered.
        Assert.Equal(16, (await CatalogTestData.SkuAsync(shop, sku)).OnHand);
        foreach (var response in refunds.Concat(adjustments))
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task AnActionFromATabOpenedBeforeTheOrderChangedSaysWhyOnThePage()
    {
        using var staff = await StaffAsync();
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 2);
        using var guest = shop.CreateStorefrontClient();
        var placed = await CheckoutFlow.PaidGuestOrderAsync(shop, guest, sku);
        var orderId = CheckoutFlow.OrderId(placed);
        var ship = await StorefrontForms.FormFieldsAsync(staff, $"/admin/orders/{orderId}", "ship", Cancellation);
        ship["Ship.Carrier"] = "DHL";
        ship["Ship.TrackingNumber"] = "JJD01";

        // The customer cancels while the staff member's tab shows the order as paid.
        using (var cancelled = await CheckoutFlow.CancelAsGuestAsync(guest, placed))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        // Was Blazor's bare 400 ("no form on the page currently has that name").
        using var stale = await staff.PostAsync($"/admin/orders/{orderId}", new FormUrlEncodedContent(ship), Cancellation);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("role=\"alert\"", await stale.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(OrderStatus.Cancelled, (await OrderingTestData.ReloadAsync(shop, orderId)).Status);
    }

    /// <summary>The details form's hidden fields with every field typed in, as a staff member submits it.</summary>
    private static Dictionary<string, string> TypeDetails(Dictionary<string, string> form, string tag, string name,
        string price = "59.90", string attributes = "material: linen")
    {
        foreach (var (field, value) in new Dictionary<string, string>
        {
            ["Product.Name"] = name, ["Product.Slug"] = $"staff-tee-{tag}", ["Product.Description"] = "Typed by staff.",
            ["Product.Category"] = "tops", ["Product.Brand"] = "northwind", ["Product.Price"] = price, ["Product.Currency"] = "EUR",
            ["Product.CompareAtPrice"] = "", ["Product.Attributes"] = attributes,
        })
        {
            form[field] = value;
        }

        return form;
    }

    private async Task<HttpClient> StaffAsync()
    {
        var client = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        await StorefrontForms.SignInAsync(client, "admin@shop.local", await Accounts.AdminPasswordAsync(shop), Cancellation);
        return client;
    }
}
