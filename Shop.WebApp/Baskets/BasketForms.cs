using Microsoft.AspNetCore.Mvc;
using Shop.WebApp.Api;
using Shop.WebApp.Components.Shared;

namespace Shop.WebApp.Baskets;

/// <summary>An empty quantity box (the browser sends "") adds one.</summary>
public sealed record AddToBasketForm(string Sku, string? Quantity = null, string? ReturnUrl = null);

/// <summary>An empty quantity box leaves the line as it is, and says so; 0 removes it.</summary>
public sealed record BasketLineForm(string Sku, string? Quantity = null, string? Action = null);

/// <summary>
/// The basket's plain HTML forms (post, then redirect): they work without JavaScript and a refresh never repeats
/// them. A refusal (stock gone, over the limit) goes back to the page it came from, which shows it in place.
/// Form binding makes these endpoints check the antiforgery token.
/// </summary>
public static class BasketForms
{
    public static void MapBasketForms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/basket/add", async ([FromForm] AddToBasketForm form, BasketClient baskets, HttpContext context) =>
        {
            var added = await baskets.AddAsync(form.Sku, Math.Clamp(Lenient.WholeNumber(form.Quantity) ?? 1, 1, 99), context.RequestAborted);
            Notice.Set(context, added.Succeeded
                ? "Added to your basket."
                : added.Problem!.For("quantity") ?? added.Problem.For("sku") ?? added.Problem.Message, isError: !added.Succeeded);
            return Results.LocalRedirect(LocalUrl.OrDefault(form.ReturnUrl, "/basket"));
        });

        app.MapPost("/basket/lines", async ([FromForm] BasketLineForm form, BasketClient baskets, HttpContext context) =>
        {
            var quantity = Lenient.WholeNumber(form.Quantity);
            if (form.Action != "remove" && quantity is null)
            {
                Notice.Set(context, "Enter how many you want (0 removes the item).", isError: true);
                return Results.LocalRedirect("/basket");
            }

            var changed = form.Action == "remove" || quantity == 0
                ? await baskets.RemoveAsync(form.Sku, context.RequestAborted)
                : await baskets.SetQuantityAsync(form.Sku, Math.Min(quantity!.Value, 99), context.RequestAborted);
            if (!changed.Succeeded)
            {
                Notice.Set(context, changed.Problem!.For("quantity") ?? changed.Problem.Message, isError: true);
            }

            return Results.LocalRedirect("/basket");
        });
    }
}
