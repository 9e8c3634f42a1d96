using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Browser;

/// <summary>The main pages are accessible (axe-core) and fit a 375 px phone; screenshots of each are kept for review.</summary>
[Collection(ShopCollection.Name)]
public sealed class PageQualityTests(ShopAppFixture shop)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [Fact]
    public async Task HomeSearchCategoryProductBasketAndCheckoutHaveNoSeriousAccessibilityViolations()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = new Shopper(await context.NewPageAsync());
        var violations = new List<string>();

        await shopper.Page.GotoAsync("/");
        violations.AddRange(await BlockingViolationsAsync(shopper.Page));
        // Results with their facet filters, and suggestions open under the search box.
        await shopper.Page.GotoAsync($"/search?q={product.Word}");
        await shopper.Page.GetByRole(AriaRole.Combobox, new() { Name = "Search products" }).FillAsync(product.Word[..9]);
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" })).ToBeVisibleAsync();
        violations.AddRange(await BlockingViolationsAsync(shopper.Page));
        await shopper.Page.GotoAsync($"/c/{product.CategorySlug}");
        violations.AddRange(await BlockingViolationsAsync(shopper.Page));
        await shopper.Page.GotoAsync($"/p/{product.Slug}");
        violations.AddRange(await BlockingViolationsAsync(shopper.Page));
        await shopper.AddSizeAsync("S");
        await shopper.Page.GotoAsync("/basket");
        violations.AddRange(await BlockingViolationsAsync(shopper.Page));
        await shopper.Page.GotoAsync("/checkout");
        violations.AddRange(await BlockingViolationsAsync(shopper.Page));
        // The checkout's error state too: a refused step marks its fields.
        await shopper.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to delivery" }).ClickAsync();
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        violations.AddRange(await BlockingViolationsAsync(shopper.Page));
        await shopper.CheckoutToPaymentAsync(Accounts.NewEmail());
        violations.AddRange(await BlockingViolationsAsync(shopper.Page));

        Assert.Empty(violations);
    }

    [Fact]
    public async Task MainPagesFitA375PixelScreenAndAreCapturedAtTwoWidths()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        var adminPassword = await Admin.PasswordAsync(shop);
        Directory.CreateDirectory(StorefrontBrowser.ScreenshotFolder);
        var overflowing = new List<string>();

        foreach (var width in new[] { 375, 1280 })
        {
            await using var context = await StorefrontBrowser.NewContextAsync(shop, width, height: 800);
            var shopper = new Shopper(await context.NewPageAsync());
            await CaptureAsync(shopper.Page, "/", "home", width, overflowing);
            await CaptureAsync(shopper.Page, $"/search?q={product.Word}", "search", width, overflowing);
            await CaptureAsync(shopper.Page, $"/p/{product.Slug}", "product", width, overflowing);
            await shopper.AddSizeAsync("M", quantity: 2);
            await CaptureAsync(shopper.Page, "/basket", "basket", width, overflowing);
            await CaptureAsync(shopper.Page, "/checkout", "checkout", width, overflowing);

            await using var staffContext = await StorefrontBrowser.NewContextAsync(shop, width, height: 800);
            var staff = new Shopper(await staffContext.NewPageAsync());
            await staff.SignInAsync("admin@shop.local", adminPassword);
            await CaptureAsync(staff.Page, "/admin", "admin-dashboard", width, overflowing);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshots: {StorefrontBrowser.ScreenshotFolder}");
        Assert.Empty(overflowing);
    }

    [Fact]
    public async Task AccountPagesHaveNoSeriousAccessibilityViolationsAndFitA375PixelScreen()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, TestContext.Current.CancellationToken);
        using (var api = shop.CreateStorefrontClient().As((await Accounts.SignInAsync(shop, email)).AccessToken))
        {
            await ProfileAndAddressTests.AddAsync(api, ProfileAndAddressTests.Address("shipping", "Ada Lovelace"));
        }

        Directory.CreateDirectory(StorefrontBrowser.ScreenshotFolder);
        await using var context = await StorefrontBrowser.NewContextAsync(shop, width: 375, height: 800);
        var shopper = new Shopper(await context.NewPageAsync());
        var violations = new List<string>();
        var overflowing = new List<string>();

        foreach (var (path, name) in new[]
                 {
                     ("/account/forgot-password", "account-forgot-password"),
                     ($"/account/reset-password?userId={Guid.NewGuid()}&token=from-the-link", "account-reset-password"),
                 })
        {
            await CaptureAsync(shopper.Page, path, name, 375, overflowing);
            violations.AddRange(await BlockingViolationsAsync(shopper.Page));
        }

        await shopper.SignInAsync(email, Accounts.Password);
        foreach (var (path, name) in new[]
                 {
                     ("/account", "account-orders"),
                     ("/account/profile", "account-profile"),
                     ("/account/addresses", "account-addresses"),
                     ("/account/addresses/new", "account-address-new"),
                     ("/account/password", "account-password"),
                     ("/account/privacy", "account-privacy"),
                 })
        {
            await CaptureAsync(shopper.Page, path, name, 375, overflowing);
            violations.AddRange(await BlockingViolationsAsync(shopper.Page));
        }

        // A refused form's state too: the alert and the marked field.
        await shopper.Page.GotoAsync("/account/addresses/new");
        await shopper.Page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        violations.AddRange(await BlockingViolationsAsync(shopper.Page));

        Assert.Empty(violations);
        Assert.Empty(overflowing);
    }

    private static async Task CaptureAsync(IPage page, string path, string name, int width, List<string> overflowing)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        // Wider than the screen means sideways scrolling on a phone.
        if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"))
        {
            overflowing.Add($"{path} at {width} px");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(StorefrontBrowser.ScreenshotFolder, $"{name}-{width}.png"),
            FullPage = true,
        });
    }

    private static async Task<IEnumerable<string>> BlockingViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
    }
}
