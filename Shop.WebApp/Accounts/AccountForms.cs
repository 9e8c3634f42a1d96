using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Shop.WebApp.Accounts;

public static class AccountForms
{
    /// <summary>
    /// Signing out revokes the refresh token at the identity service, then ends the cookie session. The access
    /// token still works until it expires (minutes), as every service validates it on its own.
    /// </summary>
    public static void MapAccountForms(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/sign-out", async (HttpContext context, IdentityClient identity, IAntiforgery antiforgery) =>
        {
            // Checked here: without form binding, the antiforgery middleware only records the outcome.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            if (await context.GetTokenAsync(ShopSession.Scheme, ShopSession.RefreshToken) is { Length: > 0 } refreshToken)
            {
                await identity.RevokeAsync(refreshToken, context.RequestAborted);
            }

            await context.SignOutAsync(ShopSession.Scheme);
            return Results.LocalRedirect("/");
        });
}
