using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Identity;

/// <summary>Changing a password, and resetting a forgotten one from the emailed link.</summary>
[Collection(ShopCollection.Name)]
public sealed class PasswordTests(ShopAppFixture shop)
{
    private const string NewPassword = "a different and longer passphrase 7";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AForgottenPasswordIsResetOnceFromTheEmailedLinkAndEndsEverySession()
    {
        var email = Accounts.NewEmail();
        var userId = await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var session = await Accounts.SignInAsync(shop, email);
        using var client = shop.CreateStorefrontClient();
        using (var refreshed = await Accounts.RequestTokenAsync(client, ("grant_type", "refresh_token"), ("refresh_token", session.RefreshToken!)))
        {
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
            session = session with { RefreshToken = (await refreshed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("refresh_token").GetString() };
        }

        using var requested = await client.PostAsJsonAsync("/api/auth/password-reset", new { email }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var (linkUserId, token) = Accounts.ResetLink(await shop.Mail.WaitForMessageAsync(email, "Reset your Shop password", Cancellation));
        Assert.Equal(userId, linkUserId);

        using var reset = await client.PostAsJsonAsync("/api/auth/password-reset/confirm", new { userId, token, newPassword = NewPassword }, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        using var oldPassword = await Accounts.RequestTokenAsync(client, ("grant_type", "password"), ("username", email), ("password", Accounts.Password));
        Assert.Equal(HttpStatusCode.BadRequest, oldPassword.StatusCode);
        await Accounts.SignInAsync(shop, email, NewPassword);
        using var oldSession = await Accounts.RequestTokenAsync(client, ("grant_type", "refresh_token"), ("refresh_token", session.RefreshToken!));
        Assert.Equal(HttpStatusCode.BadRequest, oldSession.StatusCode);

        using var reused = await client.PostAsJsonAsync("/api/auth/password-reset/confirm",
            new { email, token, newPassword = "yet another long passphrase 99" }, Cancellation);
        await AssertFieldErrorAsync(reused, "token", "not valid");
        await Accounts.SignInAsync(shop, email, NewPassword);
    }

    [Fact]
    public async Task AWeakNewPasswordIsRefusedWithoutUsingUpTheLink()
    {
        var email = Accounts.NewEmail();
        var userId = await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        using var client = shop.CreateStorefrontClient();
        await client.PostAsJsonAsync("/api/auth/password-reset", new { email }, Cancellation);
        var (_, token) = Accounts.ResetLink(await shop.Mail.WaitForMessageAsync(email, "Reset your Shop password", Cancellation));

        using var weak = await client.PostAsJsonAsync("/api/auth/password-reset/confirm", new { userId, token, newPassword = "password1234" }, Cancellation);
        await AssertFieldErrorAsync(weak, "newPassword", "too common");
        using var forged = await client.PostAsJsonAsync("/api/auth/password-reset/confirm", new { userId, token = token + "x", newPassword = NewPassword }, Cancellation);
        await AssertFieldErrorAsync(forged, "token", "not valid");
        await Accounts.SignInAsync(shop, email);

        using var strong = await client.PostAsJsonAsync("/api/auth/password-reset/confirm", new { userId, token, newPassword = NewPassword }, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, strong.StatusCode);
    }

    [Fact]
    public async Task ResetRequestsAnswerAlikeForKnownAndUnknownEmails()
    {
        var known = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, known, Cancellation);
        var unknown = Accounts.NewEmail();
        using var client = shop.CreateStorefrontClient();

        using var forKnown = await client.PostAsJsonAsync("/api/auth/password-reset", new { email = known }, Cancellation);
        using var forUnknown = await client.PostAsJsonAsync("/api/auth/password-reset", new { email = unknown }, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(Cancellation), await forUnknown.Content.ReadAsStringAsync(Cancellation));
        var withoutAccount = await shop.Mail.WaitForMessageAsync(unknown, "Reset your Shop password", Cancellation);
        Assert.Contains("no account", withoutAccount);
        Assert.DoesNotContain("reset-password?", withoutAccount);
    }

    [Fact]
    public async Task ResetRequestsForOneAccountBeyondItsLimitAre429WithAProblem()
    {
        var email = Accounts.NewEmail();
        using var client = shop.CreateStorefrontClient();
        for (var i = 0; i < ShopAppFixture.PasswordResetsPerAccount; i++)
        {
            using var allowed = await client.PostAsJsonAsync("/api/auth/password-reset", new { email }, Cancellation);
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }

        // The same account spelt in capitals counts against the same limit.
        using var limited = await client.PostAsJsonAsync("/api/auth/password-reset", new { email = email.ToUpperInvariant() }, Cancellation);
        using var anotherAccount = await client.PostAsJsonAsync("/api/auth/password-reset", new { email = Accounts.NewEmail() }, Cancellation);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Accepted, anotherAccount.StatusCode);
    }

    [Fact]
    public async Task ChangingThePasswordNeedsTheCurrentOneKeepsThePolicyAndEndsOtherSessions()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var otherDevice = await Accounts.SignInAsync(shop, email);
        var thisDevice = await Accounts.SignInAsync(shop, email);
        using var client = shop.CreateStorefrontClient().As(thisDevice.AccessToken);

        using var wrongCurrent = await client.PostAsJsonAsync("/api/users/me/password",
            new { currentPassword = "not my password at all", newPassword = NewPassword }, Cancellation);
        await AssertFieldErrorAsync(wrongCurrent, "currentPassword", "wrong");
        using var weakNew = await client.PostAsJsonAsync("/api/users/me/password",
            new { currentPassword = Accounts.Password, newPassword = "short" }, Cancellation);
        await AssertFieldErrorAsync(weakNew, "newPassword", "at least");
        await Accounts.SignInAsync(shop, email);

        using var changed = await client.PostAsJsonAsync("/api/users/me/password",
            new { currentPassword = Accounts.Password, newPassword = NewPassword }, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        using var anonymous = shop.CreateStorefrontClient();
        using var otherRefresh = await Accounts.RequestTokenAsync(anonymous, ("grant_type", "refresh_token"), ("refresh_token", otherDevice.RefreshToken!));
        Assert.Equal(HttpStatusCode.BadRequest, otherRefresh.StatusCode);
        using var oldPassword = await Accounts.RequestTokenAsync(anonymous, ("grant_type", "password"), ("username", email), ("password", Accounts.Password));
        Assert.Equal(HttpStatusCode.BadRequest, oldPassword.StatusCode);
        await Accounts.SignInAsync(shop, email, NewPassword);
        await shop.Mail.WaitForMessageAsync(email, "password was changed", Cancellation);
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateArray().ToList();
        var error = errors.FirstOrDefault(e => e.GetProperty("name").GetString() == field);
        Assert.True(error.ValueKind == JsonValueKind.Object, $"No error for {field} in {JsonSerializer.Serialize(errors)}");
        Assert.Contains(reason, error.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
