using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Browser;

/// <summary>The account pages in a real browser: profile, address book, passwords, data export and erasure.</summary>
[Collection(ShopCollection.Name)]
public sealed partial class AccountPagesTests(ShopAppFixture shop)
{
    private const string NewPassword = "a fresh passphrase for the browser 9";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AForgottenPasswordIsResetFromTheEmailedLinkAndTheNewOneSignsIn()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = new Shopper(await context.NewPageAsync());
        var page = shopper.Page;

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgotten your password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("we sent it a link");

        var mail = await shop.Mail.WaitForMessageAsync(email, "Reset your Shop password", Cancellation);
        var link = ResetLink().Match(mail);
        Assert.True(link.Success, $"No reset link in: {mail}");
        await page.GotoAsync(link.Value);
        await page.GetByLabel("New password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#input-newpassword-error")).ToBeVisibleAsync();
        await page.GetByLabel("New password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");

        await shopper.SignInAsync(email, NewPassword);
        using var client = shop.CreateStorefrontClient();
        using var oldPassword = await Accounts.RequestTokenAsync(client, ("grant_type", "password"), ("username", email), ("password", Accounts.Password));
        Assert.Equal(HttpStatusCode.BadRequest, oldPassword.StatusCode);
    }

    [Fact]
    public async Task ACustomerEditsTheProfileAddsAddressesAndMakesOneTheDefault()
    {
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var (shopper, _) = await SignedInAsync(context);
        var page = shopper.Page;

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" }).GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await page.GetByLabel("Your name").FillAsync("Ada Byron");
        await page.GetByLabel("Phone").FillAsync("call me maybe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        // Refused in place: the field says why and what was typed is still there.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("highlighted");
        await Assertions.Expect(page.GetByLabel("Phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Ada Byron");
        await page.GetByLabel("Phone").FillAsync("+44 20 7946 0958");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your profile is saved");
        await Assertions.Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Ada Byron");
        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Ada Byron");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" }).GetByRole(AriaRole.Link, new() { Name = "Addresses" }).ClickAsync();
        await AddAddressAsync(page, "Ada Home", "1 Harbour Road");
        await AddAddressAsync(page, "Ada Office", "2 Dock Street");
        var home = page.GetByRole(AriaRole.Listitem, new() { Name = "Ada Home, 1 Harbour Road" });
        var office = page.GetByRole(AriaRole.Listitem, new() { Name = "Ada Office, 2 Dock Street" });
        await Assertions.Expect(home).ToContainTextAsync("Default");
        await Assertions.Expect(office).Not.ToContainTextAsync("Default");

        await office.GetByRole(AriaRole.Button, new() { Name = "Make default" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Default address changed");
        await Assertions.Expect(office).ToContainTextAsync("Default");
        await Assertions.Expect(home).Not.ToContainTextAsync("Default");
    }

    [Fact]
    public async Task TheDataExportDownloadsAJsonFileWithTheAccountsEmail()
    {
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var (shopper, email) = await SignedInAsync(context);
        var page = shopper.Page;

        await page.GotoAsync("/account/privacy");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download my data" }).ClickAsync());

        Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(await download.PathAsync(), Cancellation);
        using var export = JsonDocument.Parse(text);
        Assert.Contains(email, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DeletingTheAccountNeedsThePasswordSignsOutAndTheAccountCannotSignInAgain()
    {
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var (shopper, email) = await SignedInAsync(context);
        var page = shopper.Page;

        await page.GotoAsync("/account/privacy");
        await page.GetByLabel("Your password, to confirm").FillAsync("not my password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not deleted");
        await Assertions.Expect(page.GetByLabel("Your password, to confirm")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Your password, to confirm").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account is deleted");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        var account = await page.GotoAsync("/account");
        Assert.Contains("/account/sign-in", account!.Url, StringComparison.Ordinal);

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("email or password is wrong");
    }

    /// <summary>A new confirmed account, signed in through the pages in <paramref name="context"/>.</summary>
    private async Task<(Shopper Shopper, string Email)> SignedInAsync(IBrowserContext context)
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var shopper = new Shopper(await context.NewPageAsync());
        await shopper.SignInAsync(email, Accounts.Password);
        return (shopper, email);
    }

    private static async Task AddAddressAsync(IPage page, string name, string line1)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an address" }).ClickAsync();
        await page.GetByLabel("Full name").FillAsync(name);
        await page.GetByLabel("Street and number").FillAsync(line1);
        await page.GetByLabel("Postal code").FillAsync("20457");
        await page.GetByLabel("City").FillAsync("Hamburg");
        await page.GetByLabel("Country code").FillAsync("DE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Address saved");
    }

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
