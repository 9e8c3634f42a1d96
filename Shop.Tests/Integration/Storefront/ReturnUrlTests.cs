using System.Net;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Storefront;

/// <summary>
/// A form's return address with a control character in it: browsers drop tabs and line breaks from a URL, so
/// "/\t/evil.example" is "//evil.example" to them, another site. Both forms answer with their own page instead.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ReturnUrlTests(ShopAppFixture shop)
{
    private const string Hostile = "/\t/evil.example";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigningInWithAHostileReturnAddressLandsOnTheAccountPage()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        using var client = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        var fields = await StorefrontForms.HiddenFieldsAsync(client, "/account/sign-in", Cancellation);
        fields["Input.Email"] = email;
        fields["Input.Password"] = Accounts.Password;
        fields["Input.ReturnUrl"] = Hostile;

        using var signedIn = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // The page's navigation answers with an absolute address on this site (it was ".../%09/evil.example").
        Assert.Equal(new Uri(client.BaseAddress!, "/account"), signedIn.Headers.Location);
    }

    [Fact]
    public async Task AddingToTheBasketWithAHostileReturnAddressAddsAndShowsTheBasket()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        using var client = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        var fields = await StorefrontForms.HiddenFieldsAsync(client, $"/p/{product.Slug}", Cancellation);
        fields["Sku"] = product.Skus[0];
        fields["Quantity"] = "1";
        fields["ReturnUrl"] = Hostile;

        // Was a 500 from the local redirect, after the line had been added.
        using var added = await client.PostAsync("/basket/add", new FormUrlEncodedContent(fields), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/basket", added.Headers.Location?.OriginalString);
        Assert.Contains(product.Skus[0], await client.GetStringAsync("/basket", Cancellation));
    }
}
