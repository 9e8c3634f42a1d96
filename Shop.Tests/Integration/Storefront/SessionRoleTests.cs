using System.Net;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Storefront;

/// <summary>
/// The storefront's session carries the account's roles, which the back office checks. A role granted or revoked
/// after sign-in takes effect with the session's next token refresh (in the tests, every signed-in request), not at
/// the next sign-in: a revoked staff member keeps no back office for the cookie's fourteen days.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class SessionRoleTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARoleGrantedOrRevokedAfterSignInTakesEffectWithTheNextRefresh()
    {
        var email = Accounts.NewEmail();
        var userId = await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        using var browser = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        await StorefrontForms.SignInAsync(browser, email, Accounts.Password, Cancellation);
        using var asAdmin = shop.CreateStorefrontClient().As((await Accounts.AdminAsync(shop)).AccessToken);
        async Task<bool> OpensBackOfficeAsync()
        {
            using var page = await browser.GetAsync("/admin/orders", Cancellation);
            return page.StatusCode == HttpStatusCode.OK;
        }

        Assert.False(await OpensBackOfficeAsync());

        using (var granted = await asAdmin.PutAsync($"/api/users/{userId}/roles/staff", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        }

        Assert.True(await OpensBackOfficeAsync());

        using (var revoked = await asAdmin.DeleteAsync($"/api/users/{userId}/roles/staff", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        Assert.False(await OpensBackOfficeAsync());
    }
}
