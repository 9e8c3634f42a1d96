using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Identity;

public sealed record Tokens(string AccessToken, string? RefreshToken);

/// <summary>Accounts made the way a shopper makes them: register, read the email, confirm, sign in.</summary>
public static partial class Accounts
{
    public const string Password = "a long and unusual passphrase 42";

    public static string NewEmail() => $"shopper-{Guid.NewGuid():N}@example.com";

    public static async Task<Guid> RegisterConfirmedAsync(ShopAppFixture shop, string email, CancellationToken ct)
    {
        using var client = shop.CreateStorefrontClient();
        using var registered = await client.PostAsJsonAsync("/api/users", new { email, password = Password }, ct);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);

        var (userId, token) = ConfirmationLink(await shop.Mail.WaitForMessageAsync(email, "Confirm your email", ct));
        using var confirmed = await client.PostAsJsonAsync("/api/users/confirm-email", new { userId, token }, ct);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        return userId;
    }

    public static (Guid UserId, string Token) ConfirmationLink(string mail)
    {
        var link = LinkPattern().Match(mail);
        Assert.True(link.Success, $"No confirmation link in: {mail}");
        return (Guid.Parse(link.Groups["user"].Value), Uri.UnescapeDataString(link.Groups["token"].Value));
    }

    public static (Guid UserId, string Token) ResetLink(string mail)
    {
        var link = ResetLinkPattern().Match(mail);
        Assert.True(link.Success, $"No reset link in: {mail}");
        return (Guid.Parse(link.Groups["user"].Value), Uri.UnescapeDataString(link.Groups["token"].Value));
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, params (string Key, string Value)[] form) =>
        client.PostAsync("/api/auth/token", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))));

    public static async Task<Tokens> SignInAsync(ShopAppFixture shop, string email, string password = Password)
    {
        using var client = shop.CreateStorefrontClient();
        using var response = await RequestTokenAsync(client,
            ("grant_type", "password"), ("username", email), ("password", password), ("scope", "offline_access"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Tokens(body.GetProperty("access_token").GetString()!,
            body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null);
    }

    public static async Task<Tokens> CustomerAsync(ShopAppFixture shop, CancellationToken ct)
    {
        var email = NewEmail();
        await RegisterConfirmedAsync(shop, email, ct);
        return await SignInAsync(shop, email);
    }

    public static async Task<Tokens> AdminAsync(ShopAppFixture shop) =>
        await SignInAsync(shop, "admin@shop.local", await AdminPasswordAsync(shop));

    /// <summary>The seeded administrator's password: the AppHost's generated parameter.</summary>
    public static async Task<string> AdminPasswordAsync(ShopAppFixture shop)
    {
        var model = shop.App.Services.GetRequiredService<Aspire.Hosting.ApplicationModel.DistributedApplicationModel>();
        return (await model.Resources.OfType<ParameterResource>().Single(p => p.Name == "admin-password").GetValueAsync(default))!;
    }

    public static HttpClient As(this HttpClient client, string accessToken)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    [GeneratedRegex(@"confirm-email\?userId=(?<user>[0-9a-f-]{36})&token=(?<token>\S+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"/account/reset-password\?userId=(?<user>[0-9a-f-]{36})&token=(?<token>\S+)")]
    private static partial Regex ResetLinkPattern();
}
