using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Identity;

[Collection(ShopCollection.Name)]
public sealed class AccountFlowTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegisterConfirmSignInReadProfileAndRefreshOnce()
    {
        var email = Accounts.NewEmail();
        var userId = await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var tokens = await Accounts.SignInAsync(shop, email);
        Assert.NotNull(tokens.RefreshToken);

        using var client = shop.CreateStorefrontClient().As(tokens.AccessToken);
        var profile = await client.GetFromJsonAsync<JsonElement>("/api/users/me", Cancellation);
        Assert.Equal(userId, profile.GetProperty("id").GetGuid());
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Contains("customer", profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        using var anonymous = shop.CreateStorefrontClient();
        using var refreshed = await Accounts.RequestTokenAsync(anonymous, ("grant_type", "refresh_token"), ("refresh_token", tokens.RefreshToken!));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using var replayed = await Accounts.RequestTokenAsync(anonymous, ("grant_type", "refresh_token"), ("refresh_token", tokens.RefreshToken!));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
    }

    [Fact]
    public async Task SigningOutRevokesTheRefreshToken()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var tokens = await Accounts.SignInAsync(shop, email);
        using var client = shop.CreateStorefrontClient();

        using var revoked = await client.PostAsync("/api/auth/revoke", new FormUrlEncodedContent(
            [KeyValuePair.Create("token", tokens.RefreshToken!), KeyValuePair.Create("token_type_hint", "refresh_token")]), Cancellation);
        using var refreshed = await Accounts.RequestTokenAsync(client, ("grant_type", "refresh_token"), ("refresh_token", tokens.RefreshToken!));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
    }

    [Fact]
    public async Task AnUnconfirmedAccountCannotSignIn()
    {
        var email = Accounts.NewEmail();
        using var client = shop.CreateStorefrontClient();
        await client.PostAsJsonAsync("/api/users", new { email, password = Accounts.Password }, Cancellation);

        using var response = await Accounts.RequestTokenAsync(client, ("grant_type", "password"), ("username", email), ("password", Accounts.Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RegistrationAndSignInAnswerAlikeForKnownAndUnknownEmails()
    {
        var known = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, known, Cancellation);
        using var client = shop.CreateStorefrontClient();

        using var again = await client.PostAsJsonAsync("/api/users", new { email = known, password = Accounts.Password }, Cancellation);
        using var fresh = await client.PostAsJsonAsync("/api/users", new { email = Accounts.NewEmail(), password = Accounts.Password }, Cancellation);
        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(Cancellation), await again.Content.ReadAsStringAsync(Cancellation));
        await shop.Mail.WaitForMessageAsync(known, "Someone tried to sign up", Cancellation);

        using var wrongPassword = await Accounts.RequestTokenAsync(client, ("grant_type", "password"), ("username", known), ("password", "not the password at all"));
        using var unknownEmail = await Accounts.RequestTokenAsync(client, ("grant_type", "password"), ("username", Accounts.NewEmail()), ("password", "not the password at all"));
        Assert.Equal(unknownEmail.StatusCode, wrongPassword.StatusCode);
        Assert.Equal(await unknownEmail.Content.ReadAsStringAsync(Cancellation), await wrongPassword.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task AnEmailWithAnApostropheRegistersAndSignsIn()
    {
        // Identity's default user-name characters refused the apostrophe: the registration was a 500.
        var email = $"o'brien-{Guid.NewGuid():N}@example.com";

        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);

        Assert.NotNull((await Accounts.SignInAsync(shop, email)).AccessToken);
    }

    [Fact]
    public async Task AnEmailSentWithSpacesAroundItRegistersTheAddressWithout()
    {
        var email = Accounts.NewEmail();
        using var client = shop.CreateStorefrontClient();

        using var registered = await client.PostAsJsonAsync("/api/users", new { email = $"  {email} ", password = Accounts.Password }, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var (userId, token) = Accounts.ConfirmationLink(await shop.Mail.WaitForMessageAsync(email, "Confirm your email", Cancellation));
        using var confirmed = await client.PostAsJsonAsync("/api/users/confirm-email", new { userId, token }, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        Assert.NotNull((await Accounts.SignInAsync(shop, email)).AccessToken);
    }

    [Theory]
    [InlineData("\u202Egnp.exe")] // a right-to-left override: shown as a review's author, it turns the text around
    [InlineData("\u200B")] // a zero-width space: a name that shows as nothing
    [InlineData("Ada\u0007")]
    public async Task ADisplayNameWithControlOrInvisibleFormattingCharactersIsRefusedAtRegistration(string displayName)
    {
        using var client = shop.CreateStorefrontClient();

        using var registered = await client.PostAsJsonAsync("/api/users", new { email = Accounts.NewEmail(), password = Accounts.Password, displayName }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, registered.StatusCode);
        var errors = (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal("displayName", Assert.Single(errors.EnumerateArray()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(" @example.com")] // was a 500: valid before trimming, refused by Identity after
    [InlineData("Another name <{0}>")] // was a new account per display name, each with its own per-inbox limit
    public async Task AnEmailThatIsNotOneBareAddressIs400AndMakesNoAccount(string template)
    {
        var inbox = Accounts.NewEmail();
        using var client = shop.CreateStorefrontClient();

        using var registered = await client.PostAsJsonAsync("/api/users", new { email = string.Format(template, inbox), password = Accounts.Password }, Cancellation);
        using var reset = await client.PostAsJsonAsync("/api/auth/password-reset", new { email = string.Format(template, inbox) }, Cancellation);

        foreach (var response in new[] { registered, reset })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
            Assert.Equal("email", Assert.Single(errors.EnumerateArray()).GetProperty("name").GetString());
        }

        using var another = await client.PostAsJsonAsync("/api/users", new { email = inbox, password = Accounts.Password }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, another.StatusCode);
        // The only mail to the inbox is the one registration that was a bare address.
        await shop.Mail.WaitForMessageAsync(inbox, "Confirm your email", Cancellation);
        Assert.Equal(1, await shop.Mail.CountAsync(inbox, "Confirm your email", Cancellation));
    }

    [Fact]
    public async Task OneNewEmailRegisteredManyTimesAtOnceIsAnsweredAlikeAndMakesOneAccount()
    {
        var email = Accounts.NewEmail();
        using var client = shop.CreateStorefrontClient();

        // As many as one email may register in an hour (more are 429s).
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await client.PostAsJsonAsync("/api/users", new { email, password = Accounts.Password }, Cancellation);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Accepted, status));
        var (userId, token) = Accounts.ConfirmationLink(await shop.Mail.WaitForMessageAsync(email, "Confirm your email", Cancellation));
        using var confirmed = await client.PostAsJsonAsync("/api/users/confirm-email", new { userId, token }, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        Assert.NotNull((await Accounts.SignInAsync(shop, email)).AccessToken);
    }

    [Fact]
    public async Task RepeatedFailuresLockTheAccount()
    {
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        using var client = shop.CreateStorefrontClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await Accounts.RequestTokenAsync(client, ("grant_type", "password"), ("username", email), ("password", "wrong password number " + attempt));
        }

        using var rightPassword = await Accounts.RequestTokenAsync(client, ("grant_type", "password"), ("username", email), ("password", Accounts.Password));
        Assert.Equal(HttpStatusCode.BadRequest, rightPassword.StatusCode);
    }

    [Theory]
    [InlineData("short", "at least")]
    [InlineData("password1234", "too common")]
    [InlineData("qwertyuiopasdf", "too common")]
    public async Task WeakPasswordsAreFieldErrors(string password, string reason)
    {
        using var client = shop.CreateStorefrontClient();

        using var response = await client.PostAsJsonAsync("/api/users", new { email = Accounts.NewEmail(), password }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateArray()
            .First(e => e.GetProperty("name").GetString() == "password");
        Assert.Contains(reason, error.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
