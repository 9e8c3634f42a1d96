using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Checkout;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Ordering;
using Shop.Tests.Integration.Search;
using SkiaSharp;

namespace Shop.Tests.Browser;

/// <summary>Staff run the store from the back office at /admin, in a browser.</summary>
[Collection(ShopCollection.Name)]
public sealed class BackOfficeTests(ShopAppFixture shop)
{
    public static readonly string[] AdminPages =
        ["/admin", "/admin/orders", "/admin/products", "/admin/products/new", "/admin/stock", "/admin/customers", "/admin/promotions", "/admin/staff"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffCreateAProductWithAPicturePublishItAndShoppersFindIt()
    {
        var word = SearchTestData.Word();
        var name = $"Desk lamp {word}";
        var code = $"LAMP-{StaffCatalog.NewTag()}".ToUpperInvariant();
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var staff = await SignedInAdminAsync(shop, context);

        await staff.GotoAsync("/admin/products/new");
        await staff.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await staff.GetByLabel("Category").SelectOptionAsync("lighting");
        await staff.GetByLabel("Brand").SelectOptionAsync("northwind");
        await staff.GetByLabel("Price", new() { Exact = true }).FillAsync("39.90");
        await staff.GetByLabel("SKU code").FillAsync(code);
        await staff.GetByLabel("In stock").FillAsync("7");
        await staff.GetByLabel("Weight (g)").FillAsync("900");
        // A was-price below the price is refused by the catalog and shown at its field, with what was typed kept.
        await staff.GetByLabel("Was price (optional)").FillAsync("10.00");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#product-compareatprice-error")).ToContainTextAsync("above the price");
        await Assertions.Expect(staff.GetByLabel("Was price (optional)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(staff.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
        await staff.GetByLabel("Was price (optional)").FillAsync("");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();

        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Created the draft");
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Assertions.Expect(staff.Locator(".status").First).ToHaveTextAsync("Draft");
        await staff.GetByLabel("Picture").SetInputFilesAsync(new FilePayload { Name = "lamp.png", MimeType = "image/png", Buffer = Picture() });
        await staff.GetByLabel("Description for screen readers (optional)").FillAsync("The lamp, lit");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Upload picture" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Uploaded the picture");
        await Assertions.Expect(staff.GetByRole(AriaRole.Img, new() { Name = "The lamp, lit" })).ToBeVisibleAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Published");
        await Assertions.Expect(staff.Locator(".status").First).ToHaveTextAsync("On sale");

        await using var shopperContext = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = await shopperContext.NewPageAsync();
        var result = shopper.GetByRole(AriaRole.Link, new() { Name = name });
        // Search catches up with the catalog through its events; the shopper searches again until it has.
        await Eventually.WaitForAsync(async () =>
        {
            await shopper.GotoAsync($"/search?q={word}");
            return await result.CountAsync();
        }, count => count > 0, TimeSpan.FromSeconds(30));
        await result.ClickAsync();
        await Assertions.Expect(shopper.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);

        // The picture staff uploaded is the one shoppers get.
        var product = await (await shopper.APIRequest.GetAsync(new Uri(shopper.Url).AbsolutePath.Replace("/p/", "/api/products/"))).JsonAsync();
        var image = product!.Value.GetProperty("images")[0];
        Assert.Equal("The lamp, lit", image.GetProperty("alt").GetString());
        var served = await shopper.APIRequest.GetAsync(image.GetProperty("url").GetString()!);
        Assert.Equal(200, served.Status);
        Assert.Equal("image/png", served.Headers["content-type"]);
    }

    [Fact]
    public async Task StaffDeleteAProductAfterConfirmingAndItLeavesTheStoreAndTheList()
    {
        var word = SearchTestData.Word();
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var created = await StaffCatalog.CreateAsync(api, new
        {
            name = $"Doomed mug {word}",
            slug = $"doomed-mug-{word}",
            description = "A mug made to be deleted.",
            category = "tableware",
            brand = "northwind",
            price = 1200,
            currency = "EUR",
            published = true,
            skus = new[] { new { code = $"MUG-{word}".ToUpperInvariant(), onHand = 5, weightGrams = 350 } },
        }, Cancellation);
        var id = created.GetProperty("id").GetGuid();
        using var shopper = shop.CreateStorefrontClient();
        var indexed = await Eventually.WaitForAsync(() => shopper.GetFromJsonAsync<JsonElement>($"/api/search?q={word}", Cancellation),
            r => r.GetProperty("total").GetInt64() == 1, TimeSpan.FromSeconds(30));
        Assert.Equal(1, indexed.GetProperty("total").GetInt64());
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var staff = await SignedInAdminAsync(shop, context);

        await staff.GotoAsync($"/admin/products?q={word}");
        await staff.GetByRole(AriaRole.Link, new() { Name = $"Doomed mug {word}" }).ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "Delete product" }).ClickAsync();
        // A step of its own: changing one's mind deletes nothing.
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Delete Doomed mug {word}?");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Keep it" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Doomed mug {word}");
        using (var stillThere = await shopper.GetAsync($"/p/doomed-mug-{word}", Cancellation))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, stillThere.StatusCode);
        }

        await staff.GetByRole(AriaRole.Link, new() { Name = "Delete product" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Delete Doomed mug {word}" }).ClickAsync();

        await Assertions.Expect(staff.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Deleted Doomed mug {word}" })).ToBeVisibleAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Products");
        await staff.GotoAsync($"/admin/products?q={word}");
        await Assertions.Expect(staff.GetByRole(AriaRole.Status).Filter(new() { HasText = "products" })).ToHaveTextAsync("0 products");
        var edit = await staff.GotoAsync($"/admin/products/{id}");
        Assert.Equal(404, edit!.Status);

        using (var page = await shopper.GetAsync($"/p/doomed-mug-{word}", Cancellation))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, page.StatusCode);
        }

        var listed = await shopper.GetFromJsonAsync<JsonElement>($"/api/products?text={word}", Cancellation);
        Assert.Equal(0, listed.GetProperty("total").GetInt64());
        var unindexed = await Eventually.WaitForAsync(() => shopper.GetFromJsonAsync<JsonElement>($"/api/search?q={word}", Cancellation),
            r => r.GetProperty("total").GetInt64() == 0, TimeSpan.FromSeconds(30));
        Assert.Equal(0, unindexed.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task StaffAdjustStockWithAReasonAndSeeTheMovement()
    {
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(api, StaffCatalog.NewProduct(tag, onHand: 5), Cancellation);
        var code = StaffCatalog.SmallSku(tag);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var staff = await SignedInAdminAsync(shop, context);

        await staff.GotoAsync("/admin/stock");
        await staff.GetByLabel("SKU code").FillAsync(code.ToLowerInvariant());
        await staff.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(code);
        await Assertions.Expect(staff.Locator("#sku-available")).ToHaveTextAsync("5");

        // Without a reason the form says so at the field.
        await staff.GetByLabel("Change").FillAsync("12");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#adjust-reason-error")).ToHaveTextAsync("Say why the stock changes.");

        await staff.GetByLabel("Change").FillAsync("12");
        await staff.GetByLabel("Reason").FillAsync("Delivery from the supplier");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Stock adjusted by +12: 17 on hand");
        await Assertions.Expect(staff.Locator("#sku-available")).ToHaveTextAsync("17");
        var newest = staff.Locator("table.stock-history tbody tr").First;
        await Assertions.Expect(newest).ToContainTextAsync("+12");
        await Assertions.Expect(newest).ToContainTextAsync("Delivery from the supplier");
        await Assertions.Expect(newest).ToContainTextAsync("admin@shop.local");

        // Writing off more than there is: the catalog's refusal is shown and nothing changes.
        await staff.GetByLabel("Change").FillAsync("-100");
        await staff.GetByLabel("Reason").FillAsync("Stocktake");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot go below");
        await Assertions.Expect(staff.Locator("#sku-available")).ToHaveTextAsync("17");
    }

    [Fact]
    public async Task StaffOpenTheSkuOfADraft()
    {
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(api, StaffCatalog.NewProduct(tag, published: false, onHand: 5), Cancellation);
        var code = StaffCatalog.SmallSku(tag);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var staff = await SignedInAdminAsync(shop, context);

        await staff.GotoAsync($"/admin/skus/{code}");

        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(code);
        await Assertions.Expect(staff.Locator("#sku-available")).ToHaveTextAsync("5");
    }

    [Fact]
    public async Task AnAdminMakesACustomerStaffWhoThenOpensTheBackOfficeButNotTheStaffPage()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var admin = await SignedInAdminAsync(shop, context);

        await admin.GotoAsync("/admin/customers");
        await admin.GetByLabel("Email or name").FillAsync(email);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = email }).ClickAsync();
        await Assertions.Expect(admin.Locator("#customer-roles")).ToHaveTextAsync("customer");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make staff" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{email} is now staff");
        await Assertions.Expect(admin.Locator("#customer-roles")).ToHaveTextAsync("customer, staff");
        await admin.GotoAsync("/admin/staff");
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = email })).ToBeVisibleAsync();

        await using var staffContext = await StorefrontBrowser.NewContextAsync(shop);
        var staff = new Shopper(await staffContext.NewPageAsync());
        await staff.SignInAsync(email, Accounts.Password);
        var dashboard = await staff.Page.GotoAsync("/admin");
        Assert.Equal(200, dashboard!.Status);
        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Navigation, new() { Name = "Back office" }).GetByRole(AriaRole.Link, new() { Name = "Staff" })).ToHaveCountAsync(0);
        Assert.Equal(403, (await staff.Page.GotoAsync("/admin/staff"))!.Status);
    }

    [Fact]
    public async Task ACustomerCannotOpenAnyBackOfficePage()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var customer = new Shopper(await context.NewPageAsync());
        await customer.SignInAsync(email, Accounts.Password);

        foreach (var path in AdminPages.Concat([$"/admin/products/{Guid.NewGuid()}", "/admin/skus/ANY-SKU", $"/admin/customers/{Guid.NewGuid()}", "/admin/promotions/ANY"]))
        {
            var response = await customer.Page.GotoAsync(path);
            Assert.True(response!.Status == 403, $"{path} answered {response.Status}");
            await Assertions.Expect(customer.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You cannot open this page");
        }
    }

    [Fact]
    public async Task TheDashboardChartsTodaysPaidOrder()
    {
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(api, StaffCatalog.NewProduct(tag, price: 4200, onHand: 5), Cancellation);
        using var guest = shop.CreateStorefrontClient();
        var placed = await CheckoutFlow.PlaceAsync(guest, CheckoutFlow.Checkout(
            await CheckoutFlow.GuestBasketWithAsync(guest, StaffCatalog.SmallSku(tag), 2), email: Accounts.NewEmail()));
        await CheckoutFlow.PayAsync(guest, placed);
        await OrderingTestData.WaitForAsync(shop, CheckoutFlow.OrderId(placed), o => o.Status == OrderStatus.Paid);

        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var staff = await SignedInAdminAsync(shop, context);
        await staff.GotoAsync("/admin?days=7");

        var today = DateTime.UtcNow.ToString("d MMM", CultureInfo.InvariantCulture);
        var revenue = staff.GetByRole(AriaRole.Figure).Filter(new() { HasText = "Revenue per day" });
        await Assertions.Expect(revenue.GetByRole(AriaRole.Img)).ToBeVisibleAsync();
        Assert.Equal(7, await revenue.Locator("rect.chart-bar").CountAsync());
        // Today's bar has a height, and its figure is in the table beside the chart.
        Assert.True(double.Parse(await revenue.Locator("rect.chart-bar").Last.GetAttributeAsync("height") ?? "0", CultureInfo.InvariantCulture) > 0);
        await revenue.GetByText("Figures").ClickAsync();
        await Assertions.Expect(revenue.GetByRole(AriaRole.Row).Filter(new() { HasText = today })).Not.ToContainTextAsync("€0.00");
        var orders = staff.GetByRole(AriaRole.Figure).Filter(new() { HasText = "Orders placed per day" });
        Assert.Equal(7, await orders.Locator("rect.chart-bar").CountAsync());
        await Assertions.Expect(staff.Locator(".stat").Filter(new() { HasText = "Conversion" })).ToContainTextAsync("%");
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Best sellers by units" })).ToBeVisibleAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Low stock" })).ToBeVisibleAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Searches that found nothing" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task StaffTakeAReturnFromApprovalToRefund()
    {
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(api, StaffCatalog.NewProduct(tag, price: 3000, onHand: 5), Cancellation);
        var sku = StaffCatalog.SmallSku(tag);
        using var guest = shop.CreateStorefrontClient();
        var placed = await CheckoutFlow.PlaceAsync(guest, CheckoutFlow.Checkout(await CheckoutFlow.GuestBasketWithAsync(guest, sku, 2), email: Accounts.NewEmail()));
        await CheckoutFlow.PayAsync(guest, placed);
        var orderId = CheckoutFlow.OrderId(placed);
        await OrderingTestData.WaitForAsync(shop, orderId, o => o.Status == OrderStatus.Paid);
        using (var shipped = await api.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { carrier = "DHL", trackingNumber = "RT0001" }, Cancellation))
        {
            Assert.True(shipped.IsSuccessStatusCode);
        }

        using (var delivered = await api.PostAsync($"/api/orders/{orderId}/deliver", null, Cancellation))
        {
            Assert.True(delivered.IsSuccessStatusCode);
        }

        var token = Uri.EscapeDataString(placed.GetProperty("guestAccessToken").GetString()!);
        using (var requested = await guest.PostAsJsonAsync($"/api/orders/{orderId}/returns?token={token}",
                   new { lines = new[] { new { sku, quantity = 1 } }, reason = "Too small" }, Cancellation))
        {
            Assert.True(requested.IsSuccessStatusCode);
        }

        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var staff = await SignedInAdminAsync(shop, context);
        await staff.GotoAsync($"/admin/orders/{orderId}");
        var request = staff.Locator(".return-request");
        await Assertions.Expect(request).ToContainTextAsync("Requested");
        await Assertions.Expect(request).ToContainTextAsync("Too small");

        await request.GetByLabel("Note (optional)").FillAsync("Send it back with the label");
        await request.GetByRole(AriaRole.Button, new() { Name = "Approve return" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Return approved.");
        await Assertions.Expect(request).ToContainTextAsync("Approved");
        await Assertions.Expect(request).ToContainTextAsync("Send it back with the label");
        await request.GetByRole(AriaRole.Button, new() { Name = "Mark parcel received" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Parcel received.");
        await request.GetByRole(AriaRole.Button, new() { Name = "Refund returned items" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Returned items refunded.");
        await Assertions.Expect(request).ToContainTextAsync("Refunded");
        await Assertions.Expect(request.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Assertions.Expect(staff.GetByRole(AriaRole.Row).Filter(new() { HasText = "Refunded" })).ToContainTextAsync("€30.00");
    }

    public static async Task<IPage> SignedInAdminAsync(ShopAppFixture shop, IBrowserContext context)
    {
        var admin = new Shopper(await context.NewPageAsync());
        await admin.SignInAsync("admin@shop.local", await Admin.PasswordAsync(shop));
        return admin.Page;
    }

    public static byte[] Picture()
    {
        using var bitmap = new SKBitmap(400, 400);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Goldenrod);
            using var paint = new SKPaint { Color = SKColors.DarkSlateGray };
            canvas.DrawRect(150, 100, 100, 250, paint);
        }

        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        return encoded.ToArray();
    }
}
