using System.Net.Http.Headers;
using Shop.WebApp.Api;

namespace Shop.WebApp.Baskets;

/// <summary>
/// The shopper's basket: a signed-in customer's is "mine" (the access token says whose); a guest's id lives in an
/// HTTP-only cookie and is created on the first add. Prices and stock always come from the basket service.
/// </summary>
public sealed class BasketClient(HttpClient http, IHttpContextAccessor accessor, ILogger<BasketClient> logger)
{
    public const string GuestCookie = "shop.basket";
    public const string Mine = "mine";

    private HttpContext Context => accessor.HttpContext ?? throw new InvalidOperationException("Baskets are read within a request.");

    /// <summary>"mine", the guest basket's id, or null for a guest who has no basket yet.</summary>
    public string? CurrentBasketId =>
        Context.User.Identity?.IsAuthenticated == true ? Mine : GuestBasketId(Context);

    public static string? GuestBasketId(HttpContext context) =>
        context.Request.Cookies.TryGetValue(GuestCookie, out var id) && !string.IsNullOrWhiteSpace(id) ? id : null;

    /// <summary>
    /// The basket, or null when there is none (a guest who has not added anything, or an expired one).
    /// <paramref name="priceNow"/> asks the basket service to price it by the catalog this moment rather than from its
    /// recent answers, as checkout must show what the order will be charged and what is left in stock.
    /// </summary>
    public async Task<ApiResult<BasketView>> GetAsync(CancellationToken ct, bool priceNow = false)
    {
        if (CurrentBasketId is not { } id)
        {
            return new ApiResult<BasketView>(null, null);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/baskets/{id}");
        if (priceNow)
        {
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        }

        var result = await ApiCalls.SendAsync<BasketView>(http, request, logger, ct);
        return result.Problem?.Status == System.Net.HttpStatusCode.NotFound ? new ApiResult<BasketView>(null, null) : result;
    }

    public async Task<ApiResult<BasketView>> AddAsync(string sku, int quantity, CancellationToken ct)
    {
        var id = CurrentBasketId ?? await StartGuestBasketAsync(ct);
        if (id is null)
        {
            return ApiProblem.Unavailable;
        }

        var result = await PostItemAsync(id, sku, quantity, ct);
        if (result.Problem?.Status == System.Net.HttpStatusCode.NotFound && id != Mine)
        {
            // The guest basket expired: start another rather than fail the shopper.
            id = await StartGuestBasketAsync(ct);
            result = id is null ? ApiProblem.Unavailable : await PostItemAsync(id, sku, quantity, ct);
        }

        return result;
    }

    public Task<ApiResult<BasketView>> SetQuantityAsync(string sku, int quantity, CancellationToken ct) =>
        CurrentBasketId is { } id
            ? ApiCalls.SendAsync<BasketView>(http, ApiCalls.Json(HttpMethod.Put, $"/api/baskets/{id}/items/{Uri.EscapeDataString(sku)}", new { quantity }), logger, ct)
            : Task.FromResult<ApiResult<BasketView>>(ApiProblem.Unavailable);

    public Task<ApiResult<BasketView>> RemoveAsync(string sku, CancellationToken ct) =>
        CurrentBasketId is { } id
            ? ApiCalls.SendAsync<BasketView>(http, new HttpRequestMessage(HttpMethod.Delete, $"/api/baskets/{id}/items/{Uri.EscapeDataString(sku)}"), logger, ct)
            : Task.FromResult<ApiResult<BasketView>>(ApiProblem.Unavailable);

    /// <summary>On sign-in: the guest basket joins the customer's, and the guest cookie goes.</summary>
    public async Task MergeGuestBasketAsync(string accessToken, CancellationToken ct)
    {
        if (GuestBasketId(Context) is not { } guestId)
        {
            return;
        }

        var request = ApiCalls.Json(HttpMethod.Post, "/api/baskets/mine/merge", new { guestBasketId = guestId });
        request.Headers.Authorization = new("Bearer", accessToken);
        var merged = await ApiCalls.SendAsync<BasketView>(http, request, logger, ct);
        if (merged.Succeeded || merged.Problem?.Status is System.Net.HttpStatusCode.BadRequest)
        {
            Context.Response.Cookies.Delete(GuestCookie);
        }
    }

    private Task<ApiResult<BasketView>> PostItemAsync(string id, string sku, int quantity, CancellationToken ct) =>
        ApiCalls.SendAsync<BasketView>(http, ApiCalls.Json(HttpMethod.Post, $"/api/baskets/{id}/items", new { sku, quantity }), logger, ct);

    private async Task<string?> StartGuestBasketAsync(CancellationToken ct)
    {
        var created = await ApiCalls.SendAsync<BasketView>(http, new HttpRequestMessage(HttpMethod.Post, "/api/baskets"), logger, ct);
        if (created.Value is not { } basket)
        {
            return null;
        }

        Context.Response.Cookies.Append(GuestCookie, basket.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(30),
            IsEssential = true,
        });
        return basket.Id;
    }
}
