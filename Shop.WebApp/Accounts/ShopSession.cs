using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Shop.WebApp.Accounts;

/// <summary>
/// The storefront's sign-in session: an encrypted, HTTP-only cookie whose ticket carries the shopper's claims and,
/// in its properties, the access and refresh tokens. Only the server reads them; the browser holds ciphertext.
/// </summary>
public static class ShopSession
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string StaffPolicy = "staff";
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string ExpiresAt = "expires_at";

    /// <summary>Refresh a little before expiry, so a token never runs out between this server and the API.</summary>
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddShopSession(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "shop.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/sign-in";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = RefreshWhenExpiringAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireAuthenticatedUser().RequireRole("staff", "admin"));
        return services;
    }

    /// <summary>The ticket for a fresh sign-in: who (from the identity service's profile) and the tokens.</summary>
    public static (ClaimsPrincipal Principal, AuthenticationProperties Properties) Ticket(Profile profile, TokenResponse tokens, DateTimeOffset now)
    {
        var identity = new ClaimsIdentity(Scheme, "name", "role");
        identity.AddClaim(new Claim("sub", profile.Id.ToString()));
        identity.AddClaim(new Claim("email", profile.Email));
        identity.AddClaim(new Claim("name", profile.DisplayName ?? profile.Email));
        identity.AddClaims(profile.Roles.Select(role => new Claim("role", role)));
        var properties = new AuthenticationProperties { IsPersistent = true };
        Store(properties, tokens, now);
        return (new ClaimsPrincipal(identity), properties);
    }

    private static void Store(AuthenticationProperties properties, TokenResponse tokens, DateTimeOffset now) =>
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = AccessToken, Value = tokens.AccessToken },
            new AuthenticationToken { Name = RefreshToken, Value = tokens.RefreshToken ?? "" },
            new AuthenticationToken { Name = ExpiresAt, Value = now.AddSeconds(tokens.ExpiresIn).ToString("o", CultureInfo.InvariantCulture) },
        ]);

    /// <summary>
    /// Runs whenever the cookie is read: an access token about to expire is exchanged for a new pair (refresh tokens
    /// rotate, so the cookie is re-issued); a refresh the identity service refuses ends the session.
    /// </summary>
    private static async Task RefreshWhenExpiringAsync(CookieValidatePrincipalContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var expiresAt = DateTimeOffset.TryParse(context.Properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        if (expiresAt - RefreshMargin > now)
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue(RefreshToken);
        var identity = context.HttpContext.RequestServices.GetRequiredService<IdentityClient>();
        var refreshed = string.IsNullOrEmpty(refreshToken) ? null : await identity.RefreshAsync(refreshToken, context.HttpContext.RequestAborted);
        if (refreshed is not { Succeeded: true, Value: { } tokens })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        Store(context.Properties, tokens, now);
        context.ShouldRenew = true;
    }
}
