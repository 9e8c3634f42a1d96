using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Browser;

/// <summary>The storefront in a real browser against the whole running topology: shopping, paying, accounts, access.</summary>
[Collection(ShopCollection.Name)]
public sealed class StorefrontTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGuestFindsAProductBuysTwoSizesAndGetsTheConfirmationAndEmail()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop, price: 3500);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = new Shopper(await context.NewPageAsync());
        var email = Accounts.NewEmail();

        await shopper.SearchAndOpenAsync(product);
        await shopper.AddSizeAsync("S");
        await shopper.AddSizeAsync("M", quantity: 2);
        await shopper.Page.GotoAsync("/basket");
        var lines = shopper.Page.GetByRole(AriaRole.List, new() { Name = "Items" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(lines).ToHaveCountAsync(2);
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Complementary, new() { Name = "Summary" })).ToContainTextAsync("€105.00");

        await shopper.CheckoutToPaymentAsync(email);
        // 3 × €35.00, over the free-shipping threshold; prices include VAT.
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Row).Filter(new() { Has = shopper.Page.GetByRole(AriaRole.Rowheader, new() { Name = "Total", Exact = true }) })).ToContainTextAsync("€105.00");
        await shopper.PayAsync(Shopper.SuccessCard);

        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your order" })).ToBeVisibleAsync();
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Main)).ToContainTextAsync(email);
        var placedMail = await shop.Mail.WaitForMessageAsync(email, "is placed", Cancellation);
        Assert.Contains("105.00 EUR", placedMail);
        await shop.Mail.WaitForMessageAsync(email, "is paid", Cancellation);
    }

    [Fact]
    public async Task ACustomerRegistersSignsInWithAGuestBasketPaysAndCancels()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop, price: 2000);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = new Shopper(await context.NewPageAsync());
        var email = Accounts.NewEmail();
        await shopper.RegisterAndConfirmAsync(shop, email, Cancellation);

        // Still a guest: the basket is a guest basket until sign-in merges it into the customer's.
        await shopper.Page.GotoAsync($"/p/{product.Slug}");
        await shopper.AddSizeAsync("M", quantity: 3);
        await shopper.SignInAsync(email, Accounts.Password);
        var session = await SessionCookieAsync(context);
        await shopper.Page.GotoAsync("/basket");
        // The tests' margin makes every request refresh: a rotated token pair means a re-issued session cookie.
        Assert.NotEqual(session, await SessionCookieAsync(context));
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.List, new() { Name = "Items" })).ToContainTextAsync(product.Name);
        await Assertions.Expect(shopper.Page.GetByLabel("Quantity")).ToHaveValueAsync("3");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "shop.basket");

        await shopper.CheckoutToPaymentAsync(guestEmail: null);
        await shopper.PayAsync(Shopper.SuccessCard);
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your order" })).ToBeVisibleAsync();
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Main)).ToContainTextAsync(email);

        await shopper.Page.GetByRole(AriaRole.Link, new() { Name = "See your order" }).ClickAsync();
        var orderUrl = shopper.Page.Url;
        // The payment settles through an event; the order page shows it once it has.
        await Eventually.WaitForAsync(async () =>
        {
            await shopper.Page.GotoAsync(orderUrl);
            return await shopper.Page.Locator(".status").First.TextContentAsync();
        }, status => status == "Paid");
        await shopper.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your order is cancelled. We are refunding your payment.");
        await Assertions.Expect(shopper.Page.Locator(".status").First).ToHaveTextAsync("Cancelled");
        await shopper.Page.GotoAsync("/account");
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("Cancelled");

        await shopper.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var afterSignOut = await shopper.Page.GotoAsync("/account");
        Assert.EndsWith("/account/sign-in", new Uri(afterSignOut!.Url).AbsolutePath);
    }

    private static async Task<string> SessionCookieAsync(IBrowserContext context) =>
        string.Concat((await context.CookiesAsync()).Where(c => c.Name.StartsWith("shop.session", StringComparison.Ordinal)).Select(c => c.Value));

    [Fact]
    public async Task ADeclinedCardShowsWhyAndKeepsThePaymentFormForAnotherCard()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop, price: 1500);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = new Shopper(await context.NewPageAsync());
        await shopper.Page.GotoAsync($"/p/{product.Slug}");
        await shopper.AddSizeAsync("S");
        await shopper.CheckoutToPaymentAsync(Accounts.NewEmail());

        await shopper.PayAsync(Shopper.DeclinedCard);

        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your card was declined");
        await Assertions.Expect(shopper.Page.GetByLabel("Card number")).ToBeVisibleAsync();
        await Assertions.Expect(shopper.Page.GetByLabel("Card number")).ToHaveValueAsync("");
        await Assertions.Expect(shopper.Page.GetByLabel("Expiry month (MM)")).ToHaveValueAsync("12");
        await shopper.PayAsync(Shopper.SuccessCard);
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your order" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ACardThatAsksFor3DSecureIsConfirmedOnTheBanksStep()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop, price: 1500);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = new Shopper(await context.NewPageAsync());
        await shopper.Page.GotoAsync($"/p/{product.Slug}");
        await shopper.AddSizeAsync("M");
        await shopper.CheckoutToPaymentAsync(Accounts.NewEmail());

        await shopper.PayAsync(Shopper.ThreeDSecureCard);
        await shopper.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm payment" }).ClickAsync();

        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your order" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task StockThatGoesBeforeTheOrderIsPlacedIsShownInPlaceWithTheDetailsKept()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop, price: 1500, onHand: 1, categorySlug: null, "S");
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = new Shopper(await context.NewPageAsync());
        await shopper.Page.GotoAsync($"/p/{product.Slug}");
        await shopper.AddSizeAsync("S");
        await shopper.CheckoutToReviewAsync(Accounts.NewEmail());

        await BuyThroughTheApiAsync(product.Skus[0]);
        await shopper.Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("no longer in stock");
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("No longer available");
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("12 Analytical Street");
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Button, new() { Name = "Place order" })).ToBeVisibleAsync();
    }

    /// <summary>Another shopper takes the stock first.</summary>
    private async Task BuyThroughTheApiAsync(string sku)
    {
        using var client = shop.CreateStorefrontClient();
        using var created = await client.PostAsync("/api/baskets", null, Cancellation);
        var basketId = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString();
        using var added = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        using var placed = await client.PostAsJsonAsync("/api/orders", new
        {
            basketId,
            email = Accounts.NewEmail(),
            shippingAddress = new { name = "Other Shopper", line1 = "1 Quick Lane", city = "Vienna", postalCode = "1010", country = "AT" },
            shippingMethod = "standard",
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
    }

    [Fact]
    public async Task ACustomerCannotOpenTheBackOffice()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = new Shopper(await context.NewPageAsync());
        await shopper.SignInAsync(email, Accounts.Password);

        var response = await shopper.Page.GotoAsync("/admin/orders");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You cannot open this page");
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Link, new() { Name = "Back office" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task StaffSeeTheDashboardAndShipAPaidOrder()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop, price: 2500);
        await using var guestContext = await StorefrontBrowser.NewContextAsync(shop);
        var guest = new Shopper(await guestContext.NewPageAsync());
        var email = Accounts.NewEmail();
        await guest.Page.GotoAsync($"/p/{product.Slug}");
        await guest.AddSizeAsync("S");
        await guest.CheckoutToPaymentAsync(email);
        await guest.PayAsync(Shopper.SuccessCard);
        await shop.Mail.WaitForMessageAsync(email, "is paid", Cancellation);

        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var staff = new Shopper(await context.NewPageAsync());
        await staff.SignInAsync("admin@shop.local", await Admin.PasswordAsync(shop));
        await staff.Page.GotoAsync("/admin");
        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await staff.Page.GotoAsync($"/admin/orders?email={Uri.EscapeDataString(email)}");
        await staff.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First.ClickAsync();
        await staff.Page.GetByLabel("Carrier").FillAsync("DHL");
        await staff.Page.GetByLabel("Tracking number").FillAsync("JD0001234");
        await staff.Page.GetByRole(AriaRole.Button, new() { Name = "Mark as shipped" }).ClickAsync();

        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Marked as shipped");
        await Assertions.Expect(staff.Page.Locator(".status").First).ToHaveTextAsync("Shipped");
        Assert.Contains("JD0001234", await shop.Mail.WaitForMessageAsync(email, "is shipped", Cancellation));

        await staff.Page.GetByLabel("Amount (EUR)").FillAsync("10.00");
        await staff.Page.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Refunded 10.00");
        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Refunded" })).ToContainTextAsync("€10.00");
    }
}
