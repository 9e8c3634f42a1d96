using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Shop.WebApp.Components.Shared;

namespace Shop.WebApp.Accounts;

public sealed record AddressActionForm(Guid Id, string Action);

public static class AccountForms
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void MapAccountForms(this IEndpointRouteBuilder app)
    {
        // Signing out revokes the refresh token at the identity service, then ends the cookie session. The access
        // token still works until it expires (minutes), as every service validates it on its own.
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

        // The personal-data export as a file to keep, rather than JSON shown in the browser.
        app.MapGet("/account/export", async (HttpContext context, AccountClient account) =>
        {
            var export = await account.ExportAsync(context.RequestAborted);
            if (export.Problem is { } problem)
            {
                Notice.Set(context, problem.Message, isError: true);
                return Results.LocalRedirect("/account/privacy");
            }

            return Results.File(JsonSerializer.SerializeToUtf8Bytes(export.Value, Indented), "application/json", "shop-account-data.json");
        }).RequireAuthorization();

        // The address book's one-click actions (form binding checks the antiforgery token).
        app.MapPost("/account/addresses/actions", async ([FromForm] AddressActionForm form, AccountClient account, HttpContext context) =>
        {
            var ct = context.RequestAborted;
            var problem = form.Action switch
            {
                "delete" => (await account.DeleteAddressAsync(form.Id, ct)).Problem,
                "make-default" => await MakeDefaultAsync(account, form.Id, ct),
                _ => new Api.ApiProblem(System.Net.HttpStatusCode.BadRequest, "Unknown action.", null, []),
            };
            Notice.Set(context, problem?.Message ?? (form.Action == "delete" ? "Address deleted." : "Default address changed."), isError: problem is not null);
            return Results.LocalRedirect("/account/addresses");
        }).RequireAuthorization();
    }

    /// <summary>The address as it is, marked default (the service takes the flag from the previous default).</summary>
    private static async Task<Api.ApiProblem?> MakeDefaultAsync(AccountClient account, Guid id, CancellationToken ct)
    {
        var addresses = await account.ListAddressesAsync(ct);
        if (addresses.Problem is { } problem)
        {
            return problem;
        }

        var address = addresses.Value?.SingleOrDefault(a => a.Id == id);
        return address is null
            ? new Api.ApiProblem(System.Net.HttpStatusCode.NotFound, "We could not find that address.", null, [])
            : (await account.UpdateAddressAsync(id, address.ToInput(makeDefault: true), ct)).Problem;
    }
}
