using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Identity;

/// <summary>Every service refuses a token that the identity service did not issue as it is.</summary>
[Collection(ShopCollection.Name)]
public sealed class TokenValidationTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>An endpoint of each service that needs a signed-in caller.</summary>
    public static TheoryData<string> ProtectedEndpoints => ["/api/users/me", "/api/orders", "/api/baskets/mine", "/api/reviews/mine"];

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task AValidTokenIsAccepted(string path)
    {
        var tokens = await Accounts.CustomerAsync(shop, Cancellation);
        using var client = shop.CreateStorefrontClient().As(tokens.AccessToken);

        using var response = await client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task ForgedTokensAreRejectedWith401(string path)
    {
        var real = (await Accounts.CustomerAsync(shop, Cancellation)).AccessToken;

        foreach (var (kind, token) in new[]
                 {
                     ("garbage", "not-a-token"),
                     ("tampered payload", Tampered(real)),
                     ("alg none", Unsigned(real)),
                     ("wrong signing key", SignedWithAnotherKey(real)),
                 })
        {
            using var client = shop.CreateStorefrontClient().As(token);
            using var response = await client.GetAsync(path, Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind} token on {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task ACustomerTokenOnAStaffEndpointIs403AndAGrantedRoleOpensIt()
    {
        var email = Accounts.NewEmail();
        var userId = await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var customer = await Accounts.SignInAsync(shop, email);
        using (var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken))
        {
            using var forbidden = await asCustomer.GetAsync("/api/orders/all", Cancellation);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            using var notAdmin = await asCustomer.PutAsync($"/api/users/{userId}/roles/staff", null, Cancellation);
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        }

        var admin = await Accounts.AdminAsync(shop);
        using var asAdmin = shop.CreateStorefrontClient().As(admin.AccessToken);
        using var granted = await asAdmin.PutAsync($"/api/users/{userId}/roles/staff", null, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);

        var staff = await Accounts.SignInAsync(shop, email);
        using (var asStaff = shop.CreateStorefrontClient().As(staff.AccessToken))
        {
            using var allowed = await asStaff.GetAsync("/api/orders/all", Cancellation);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var revoked = await asAdmin.DeleteAsync($"/api/users/{userId}/roles/staff", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var customerAgain = await Accounts.SignInAsync(shop, email);
        using var asCustomerAgain = shop.CreateStorefrontClient().As(customerAgain.AccessToken);
        using var forbiddenAgain = await asCustomerAgain.GetAsync("/api/orders/all", Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, forbiddenAgain.StatusCode);
    }

    /// <summary>The real token with its payload changed (a role added) and the original signature kept.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["role"] = new[] { "customer", "admin" };
        return $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{parts[2]}";
    }

    /// <summary>The real claims with "alg": "none" and no signature.</summary>
    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        return $"{header}.{parts[1]}.";
    }

    /// <summary>The real claims, signed with a key the identity service never published.</summary>
    private static string SignedWithAnotherKey(string token)
    {
        var original = new JsonWebToken(token);
        using var rsa = RSA.Create(2048);
        var claims = original.Claims.GroupBy(c => c.Type)
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? (object)g.First().Value : g.Select(c => c.Value).ToArray());
        var now = DateTime.UtcNow;
        claims.Remove("exp");
        claims.Remove("iat");
        claims.Remove("nbf");
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = original.Kid }, SecurityAlgorithms.RsaSha256),
            TokenType = "at+jwt",
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
