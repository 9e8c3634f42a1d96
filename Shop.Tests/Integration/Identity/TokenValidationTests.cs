using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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

    /// <summary>
    /// The real claims signed with the identity service's own signing key (its development certificate, which the
    /// tests can read as they run as the same user): the same token accepted while current is refused once expired,
    /// so the refusal is the lifetime check and nothing else.
    /// </summary>
    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task AnExpiredTokenSignedWithTheRealKeyIsRejectedWith401(string path)
    {
        var real = (await Accounts.CustomerAsync(shop, Cancellation)).AccessToken;
        var key = await RealSigningKeyAsync(real);
        var now = DateTime.UtcNow;

        using (var current = shop.CreateStorefrontClient().As(Resigned(real, key, issuedAt: now.AddMinutes(-1), expires: now.AddMinutes(10))))
        using (var accepted = await current.GetAsync(path, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        // An hour past expiry: well beyond the few minutes of clock skew a validator allows.
        using var expired = shop.CreateStorefrontClient().As(Resigned(real, key, issuedAt: now.AddHours(-2), expires: now.AddHours(-1)));
        using var refused = await expired.GetAsync(path, Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
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

    /// <summary>The certificate in this user's store whose key verifies the identity service's real token.</summary>
    private static async Task<X509SecurityKey> RealSigningKeyAsync(string token)
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly);
        var handler = new JsonWebTokenHandler();
        foreach (var certificate in store.Certificates.Where(c => c.HasPrivateKey && c.Subject.Contains("OpenIddict", StringComparison.Ordinal)))
        {
            var key = new X509SecurityKey(certificate);
            var check = await handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = key,
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidateLifetime = false,
            });
            if (check.IsValid)
            {
                return key;
            }
        }

        Assert.Fail("No certificate in the current user's store signs the identity service's tokens (it runs with its development certificate in the tests).");
        return null!;
    }

    /// <summary>The real token's claims and key id, signed again with the real key for the given lifetime.</summary>
    private static string Resigned(string token, X509SecurityKey key, DateTime issuedAt, DateTime expires)
    {
        var original = new JsonWebToken(token);
        var claims = original.Claims.Where(c => c.Type is not ("exp" or "iat" or "nbf")).GroupBy(c => c.Type)
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? (object)g.First().Value : g.Select(c => c.Value).ToArray());
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new X509SecurityKey(key.Certificate, original.Kid), original.Alg),
            TokenType = original.Typ,
        });
    }

    /// <summary>The real token with its payload changed (a role added) and the original signature kept.</summary>
    internal static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["role"] = new[] { "customer", "admin" };
        return $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{parts[2]}";
    }

    /// <summary>The real claims with "alg": "none" and no signature.</summary>
    internal static string Unsigned(string token)
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
