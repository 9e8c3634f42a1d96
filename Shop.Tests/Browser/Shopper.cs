using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Browser;

/// <summary>What a shopper does in the storefront, through labels and roles as a screen reader user would find them.</summary>
public sealed partial class Shopper(IPage page)
{
    public const string SuccessCard = "4242 4242 4242 4242";
    public const string DeclinedCard = "4000 0000 0000 0002";
    public const string ThreeDSecureCard = "4000 0025 0000 3155";

    public IPage Page => page;

    public async Task SearchAndOpenAsync(TestProduct product)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Search).GetByLabel("Search products").FillAsync(product.Word);
        await page.GetByRole(AriaRole.Search).GetByLabel("Search products").PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(product.Word);
        await page.GetByRole(AriaRole.Link, new() { Name = product.Name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(product.Name);
    }

    /// <summary>On the product page: picks the size (a product with one size has no picker) and adds it.</summary>
    public async Task AddSizeAsync(string size, int quantity = 1)
    {
        var sizes = page.GetByRole(AriaRole.Group, new() { Name = "Size" });
        if (await sizes.CountAsync() > 0)
        {
            await sizes.GetByRole(AriaRole.Radio, new() { Name = size, Exact = true }).CheckAsync();
        }

        await page.GetByLabel("Quantity").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to basket" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added to your basket" })).ToBeVisibleAsync();
    }

    /// <summary>From the basket through details, delivery and review to the payment step.</summary>
    public async Task CheckoutToPaymentAsync(string? guestEmail)
    {
        await CheckoutToReviewAsync(guestEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Card number")).ToBeVisibleAsync();
    }

    public async Task CheckoutToReviewAsync(string? guestEmail)
    {
        await page.GotoAsync("/basket");
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to checkout" }).ClickAsync();
        if (guestEmail is not null)
        {
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync(guestEmail);
        }

        await page.GetByLabel("Full name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Street and number").FillAsync("12 Analytical Street");
        await page.GetByLabel("Postal code").FillAsync("10115");
        await page.GetByLabel("City").FillAsync("Berlin");
        await page.GetByLabel("Country").SelectOptionAsync("DE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to delivery" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Standard delivery" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review order" }).ClickAsync();
    }

    public async Task PayAsync(string cardNumber)
    {
        await page.GetByLabel("Card number").FillAsync(cardNumber);
        await page.GetByLabel("Expiry month (MM)").FillAsync("12");
        await page.GetByLabel("Expiry year (YYYY)").FillAsync((DateTime.UtcNow.Year + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Security code").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay " }).ClickAsync();
    }

    /// <summary>Registers through the pages, confirms with the link from the mail sink, and signs in.</summary>
    public async Task RegisterAndConfirmAsync(ShopAppFixture shop, string email, CancellationToken ct)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Grace Hopper");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("we sent a link");

        var mail = await shop.Mail.WaitForMessageAsync(email, "Confirm your email", ct);
        var link = ConfirmationLink().Match(mail);
        Assert.True(link.Success, $"No confirmation link in: {mail}");
        await page.GotoAsync(link.Value);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your email is confirmed");
    }

    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"https?://\S+/account/confirm-email\?\S+")]
    private static partial Regex ConfirmationLink();
}
