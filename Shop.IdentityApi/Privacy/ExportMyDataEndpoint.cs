using System.Net.Http.Headers;
using System.Text.Json;
using FastEndpoints;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Addresses;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Users;

namespace Shop.IdentityApi.Privacy;

/// <summary>
/// Everything Shop holds about one person. Other services' parts are passed on as they answer them, so the export
/// shows exactly what each service keeps.
/// </summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    ProfileResponse Account,
    IReadOnlyList<AddressResponse> Addresses,
    IReadOnlyList<JsonElement> Orders,
    JsonElement? Basket,
    IReadOnlyList<JsonElement> Reviews);

/// <summary>
/// The signed-in caller's personal data as one JSON document. If a service that holds part of it does not answer,
/// the export fails (503, from the service defaults' handler) rather than leave that part out unnoticed.
/// </summary>
public sealed class ExportMyDataEndpoint(
    UserManager<ShopUser> users,
    IdentityDbContext db,
    OrderingClient ordering,
    BasketClient basket,
    ReviewsClient reviews,
    TimeProvider clock) : EndpointWithoutRequest<PersonalDataExport>
{
    public override void Configure() => Get("/api/users/me/export");

    public override async Task HandleAsync(CancellationToken ct)
    {
        var user = await users.FindCallerAsync(User);
        if (user is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var caller = AuthenticationHeaderValue.Parse(HttpContext.Request.Headers.Authorization.ToString());
        var orders = ordering.MyOrdersAsync(caller, ct);
        var myBasket = basket.MyBasketAsync(caller, ct);
        var myReviews = reviews.MyReviewsAsync(caller, ct);
        await Task.WhenAll(orders, myBasket, myReviews);
        var export = new PersonalDataExport(
            clock.GetUtcNow(),
            await ProfileResponse.ForAsync(users, user),
            (await db.AddressesOfAsync(user.Id, ct)).Select(AddressResponse.From).ToList(),
            await orders,
            await myBasket,
            (await myReviews)?.GetProperty("items").EnumerateArray().ToList() ?? []);

        HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"shop-personal-data.json\"";
        await Send.OkAsync(export, ct);
    }
}
