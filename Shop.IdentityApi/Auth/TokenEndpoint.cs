using System.Security.Claims;
using FastEndpoints;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Passwords;
using Shop.ServiceDefaults;
using OidcClaims = OpenIddict.Abstractions.OpenIddictConstants.Claims;
using OidcDestinations = OpenIddict.Abstractions.OpenIddictConstants.Destinations;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;
using OidcScopes = OpenIddict.Abstractions.OpenIddictConstants.Scopes;

namespace Shop.IdentityApi.Auth;

/// <summary>
/// Sign-in (password grant), refresh (refresh_token grant) and Shop's services (client_credentials grant).
/// OpenIddict parses the request, authenticates confidential clients and checks their permissions, and issues the
/// tokens; this decides who the caller is. Every sign-in failure answers the same, whether or not the email is known.
/// </summary>
public sealed class TokenEndpoint(
    UserManager<ShopUser> users,
    SignInManager<ShopUser> signIn,
    DummyPasswordCheck dummy,
    AccountRateLimits limits,
    IOptions<IdentitySettings> settings)
    : EndpointWithoutRequest
{
    public const string ApiAudience = "shop-api";
    private const string InvalidCredentials = "The email or password is wrong, or the account is not confirmed or is locked.";

    public override void Configure()
    {
        Post("/api/auth/token");
        AllowAnonymous();
        AllowFormData(urlEncoded: true);
        Options(route => route.RequireRateLimiting(AuthRateLimits.SignIn));
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var request = HttpContext.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict request is missing.");

        if (request.IsClientCredentialsGrantType())
        {
            await Send.ResultAsync(TypedResults.SignIn(ServicePrincipal(request), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme));
            return;
        }

        ShopUser? user;
        IEnumerable<string> scopes;
        if (request.IsPasswordGrantType())
        {
            if (limits.TryAcquire(AuthRateLimits.PerAccount(AuthRateLimits.SignIn), users.NormalizeEmail(request.Username?.Trim()) ?? "") is { } retryAfter)
            {
                await Send.ResultAsync(AccountRateLimits.TooManyRequests(HttpContext, retryAfter));
                return;
            }

            user = await users.FindByEmailAsync(request.Username ?? "");
            if (user is null)
            {
                // Spend the same hashing time as for a real account, so timing tells nothing either.
                dummy.Verify(request.Password ?? "");
                await ForbidAsync(InvalidCredentials);
                return;
            }

            var result = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
            if (result.IsNotAllowed || result.IsLockedOut)
            {
                // Identity answers these before it checks the password; spend that time anyway, or a quick refusal
                // would tell that the email has an unconfirmed or locked account.
                dummy.Verify(request.Password ?? "");
            }

            if (!result.Succeeded)
            {
                await ForbidAsync(InvalidCredentials);
                return;
            }

            scopes = request.GetScopes();
        }
        else if (request.IsRefreshTokenGrantType())
        {
            var refreshed = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            user = refreshed.Principal?.GetClaim(OidcClaims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
            {
                await ForbidAsync("The session has ended; sign in again.");
                return;
            }

            scopes = refreshed.Principal!.GetScopes();
        }
        else
        {
            await ForbidAsync("Only the password, refresh_token and client_credentials grants are supported.", OidcErrors.UnsupportedGrantType);
            return;
        }

        var principal = await PrincipalForAsync(user, scopes);
        await Send.ResultAsync(TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme));
    }

    private async Task<ClaimsPrincipal> PrincipalForAsync(ShopUser user, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, OidcClaims.Name, OidcClaims.Role);
        // The name is only ever the display name the user chose: services show it to others (a review's author), and
        // an email in its place would publish the address.
        identity.SetClaim(OidcClaims.Subject, user.Id.ToString())
            .SetClaim(OidcClaims.Email, user.Email)
            .SetClaim(OidcClaims.Name, string.IsNullOrWhiteSpace(user.DisplayName) ? null : user.DisplayName)
            .SetClaims(OidcClaims.Role, [.. await users.GetRolesAsync(user)]);
        identity.SetScopes(requestedScopes.Intersect([OidcScopes.OfflineAccess, OidcScopes.Email, OidcScopes.Roles]));
        identity.SetResources(ApiAudience);
        identity.SetDestinations(_ => [OidcDestinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// A service acting on its own behalf: its client id is the subject, with no roles, and only the scopes it asked
    /// for that its registration grants (OpenIddict has already refused a scope it is not permitted).
    /// </summary>
    private ClaimsPrincipal ServicePrincipal(OpenIddictRequest request)
    {
        var clientId = request.ClientId!;
        var granted = settings.Value.ServiceClients.TryGetValue(clientId, out var client) ? client.Scopes : [];
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, OidcClaims.Name, OidcClaims.Role);
        identity.SetClaim(OidcClaims.Subject, clientId).SetClaim(OidcClaims.Name, clientId);
        identity.SetScopes(request.GetScopes().Intersect(granted));
        identity.SetResources(ApiAudience);
        identity.SetDestinations(_ => [OidcDestinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private Task ForbidAsync(string description, string error = OidcErrors.InvalidGrant) =>
        Send.ResultAsync(TypedResults.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]));
}
