using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.IdentityApi.Privacy;

/// <summary>
/// Reads what another service holds about the caller, as the caller: their own access token goes along, so each
/// service applies its own per-object checks and the export can never hold someone else's data.
/// </summary>
public abstract class CallerScopedClient(HttpClient http)
{
    protected async Task<JsonElement?> GetAsync(string path, AuthenticationHeaderValue caller, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = caller;
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}

/// <summary>
/// The caller's orders from the ordering service, each in full (lines, totals, address, history, returns): those
/// placed signed in and the guest orders placed with the account's email.
/// </summary>
public sealed class OrderingClient(HttpClient http) : CallerScopedClient(http)
{
    public async Task<IReadOnlyList<JsonElement>> MyOrdersAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken) =>
        (await GetAsync("/api/orders/mine/export", caller, cancellationToken))?.EnumerateArray().ToList()
        ?? throw new HttpRequestException("The ordering service has no order export.");
}

/// <summary>The caller's basket from the basket service.</summary>
public sealed class BasketClient(HttpClient http) : CallerScopedClient(http)
{
    public Task<JsonElement?> MyBasketAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken) =>
        GetAsync("/api/baskets/mine", caller, cancellationToken);
}

/// <summary>The caller's product reviews from the catalog.</summary>
public sealed class ReviewsClient(HttpClient http) : CallerScopedClient(http)
{
    public Task<JsonElement?> MyReviewsAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken) =>
        GetAsync("/api/reviews/mine", caller, cancellationToken);
}
