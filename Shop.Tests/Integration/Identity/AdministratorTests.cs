using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Identity;

/// <summary>The store keeps at least one administrator, also when two changes race.</summary>
[Collection(ShopCollection.Name)]
public sealed class AdministratorTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdministratorRevokedSinceTheirTokenWasIssuedCannotChangeRoles()
    {
        var (seededId, otherId, asSeeded, asOther) = await TwoAdministratorsAsync();
        using var _ = asSeeded;
        using var __ = asOther;
        using (var revoked = await asSeeded.DeleteAsync($"/api/users/{otherId}/roles/admin", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        // The revoked admin's token still carries the role for up to 15 minutes.
        using var regrant = await asOther.PutAsync($"/api/users/{otherId}/roles/admin", null, Cancellation);
        using var revenge = await asOther.DeleteAsync($"/api/users/{seededId}/roles/admin", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, regrant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revenge.StatusCode);
        using var stillAdmin = await asSeeded.PutAsync($"/api/users/{seededId}/roles/admin", null, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, stillAdmin.StatusCode);
    }

    [Fact]
    public async Task TwoAdministratorsRevokedAtOnceLeaveOne()
    {
        var (seededId, otherId, asSeeded, asOther) = await TwoAdministratorsAsync();
        using var _ = asSeeded;
        using var __ = asOther;
        try
        {
            // Each revokes their own admin role, at the same moment: both used to count two administrators and succeed.
            var answers = await Task.WhenAll(
                asSeeded.DeleteAsync($"/api/users/{seededId}/roles/admin", Cancellation),
                asOther.DeleteAsync($"/api/users/{otherId}/roles/admin", Cancellation));

            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        }
        finally
        {
            // The one still an administrator hands the role back (the other's token still says admin, but the
            // service checks the account), so the other tests keep their seeded administrator, and the extra one goes.
            using var restored = await asOther.PutAsync($"/api/users/{seededId}/roles/admin", null, Cancellation);
            using var removed = await asSeeded.DeleteAsync($"/api/users/{otherId}/roles/admin", Cancellation);
        }
    }

    /// <summary>The seeded administrator and a new one it made, each with a client holding a token that says admin.</summary>
    private async Task<(string SeededId, Guid OtherId, HttpClient AsSeeded, HttpClient AsOther)> TwoAdministratorsAsync()
    {
        var seeded = await Accounts.AdminAsync(shop);
        var email = Accounts.NewEmail();
        var otherId = await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var asSeeded = shop.CreateStorefrontClient().As(seeded.AccessToken);
        using (var granted = await asSeeded.PutAsync($"/api/users/{otherId}/roles/admin", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        }

        var asOther = shop.CreateStorefrontClient().As((await Accounts.SignInAsync(shop, email)).AccessToken);
        return (new JsonWebToken(seeded.AccessToken).Subject, otherId, asSeeded, asOther);
    }
}
