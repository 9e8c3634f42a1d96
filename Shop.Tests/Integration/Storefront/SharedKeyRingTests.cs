using System.Net;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Storefront;

/// <summary>Storefront replicas share their data-protection keys (in Redis), so a request may reach any of them.</summary>
[Collection(ShopCollection.Name)]
public sealed class SharedKeyRingTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFormFromOneInstanceIsAcceptedByAnotherAndTheSessionItIssuesByTheFirst()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var firstUrl = shop.App.GetEndpoint("webapp", "http");
        // The same host name: browsers (and the cookie container) send a host's cookies to every port.
        await using var second = await SecondInstance.StartAsync(shop, "webapp", firstUrl.Host, Cancellation);
        var cookies = new CookieContainer();
        using var first = StorefrontForms.Client(firstUrl, cookies);
        using var other = StorefrontForms.Client(second.Url, cookies);

        // The sign-in form, with its antiforgery token and cookie, from the topology's storefront ...
        var fields = await StorefrontForms.HiddenFieldsAsync(first, "/account/sign-in", Cancellation);
        fields["Input.Email"] = email;
        fields["Input.Password"] = Accounts.Password;
        fields["Input.ReturnUrl"] = "/account";

        // ... posted to the other instance, which checks the token and issues the session cookie ...
        using var signedIn = await other.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields), Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(cookies.GetCookies(firstUrl).Cast<Cookie>(), c => c.Name.StartsWith("shop.session", StringComparison.Ordinal));

        // ... which the first reads: the account page, not a redirect to sign in.
        using var account = await first.GetAsync("/account", Cancellation);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains("Sign out", await account.Content.ReadAsStringAsync(Cancellation));
    }
}
