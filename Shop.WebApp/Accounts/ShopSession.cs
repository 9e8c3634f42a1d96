using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Shop.ServiceDefaults;

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

    public static IHostApplicationBuilder AddShopSession(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddValidatedOptions<SessionSettings>(SessionSettings.Section);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton<TokenRefresher>();
        services.AddAuthentication(Scheme).AddCookie(Scheme);
        // Applied to every cookie by the cookie policy middleware (UseShopCookiePolicy).
        services.AddOptions<CookiePolicyOptions>().Configure<IOptions<SessionSettings>>((policy, settings) =>
            policy.Secure = settings.Value.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.None);
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<SessionSettings>>((options, settings) =>
        {
            options.Cookie.Name = "shop.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/sign-in";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = settings.Value.IdleTimeout;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = RefreshWhenExpiringAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireAuthenticatedUser().RequireRole("staff", "admin"));
        return builder;
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
        // Files (styles, images, sitemap) and proxied API calls never use the session's tokens; leaving them out
        // keeps the page's own request the one that refreshes, rather than several racing to re-issue the cookie.
        var path = context.HttpContext.Request.Path;
        if (Path.HasExtension(path.Value) || path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi"))
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var margin = services.GetRequiredService<IOptions<SessionSettings>>().Value.RefreshBeforeExpiry;
        var expiresAt = DateTimeOffset.TryParse(context.Properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        if (expiresAt - margin > now)
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue(RefreshToken);
        if (string.IsNullOrEmpty(refreshToken))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        var refreshed = await services.GetRequiredService<TokenRefresher>().RefreshAsync(services.GetRequiredService<IdentityClient>(), refreshToken);
        if (refreshed is not { Value: { } tokens })
        {
            // Refused (revoked, expired, account locked): the session is over. Identity unreachable: keep the session
            // and try again on the next request; the APIs answer 401 to the old token meanwhile.
            if (refreshed.Problem?.Status is not null and < System.Net.HttpStatusCode.InternalServerError)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            }

            return;
        }

        Store(context.Properties, tokens, now);
        context.ShouldRenew = true;

        // Roles granted or revoked since sign-in take effect here, with the tokens that carry them: the back office
        // checks the session's roles, which would otherwise stay as they were at sign-in for as long as the cookie.
        var profile = await services.GetRequiredService<IdentityClient>().GetProfileAsync(tokens.AccessToken, context.HttpContext.RequestAborted);
        if (profile.Value is { } current)
        {
            context.ReplacePrincipal(Ticket(current, tokens, now).Principal);
        }
    }
}
