using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Shop.OrderingApi.Checkout;

/// <summary>A basket line as the basket service prices it from the catalog (never from the client).</summary>
public sealed record BasketLineSnapshot(string Sku, string Name, BasketMoney? UnitPrice, int Quantity, bool Purchasable, int UnitWeightGrams);

public sealed record BasketMoney(long Amount, string Currency);

public sealed record BasketSnapshot(string Id, IReadOnlyList<BasketLineSnapshot> Lines, bool HasUnavailableItems);

/// <summary>
/// Reads the basket being checked out from the basket service, as the shopper (their token, or the guest id), priced
/// by the catalog this moment rather than from the basket's recent answers: an order charges exactly today's prices.
/// </summary>
public sealed class BasketClient(HttpClient http)
{
    public async Task<BasketSnapshot?> GetAsync(string basketId, AuthenticationHeaderValue? caller, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/baskets/{Uri.EscapeDataString(basketId)}");
        request.Headers.Authorization = caller;
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<BasketSnapshot>(cancellationToken);
    }
}

public sealed record StockLine(string Sku, int Quantity);

/// <summary>The catalog's answer when stock is short: which SKUs, and how many are left of each.</summary>
public sealed record StockShortage(string Sku, int Available);

/// <summary>Reserves and releases stock in the catalog for an order (the reservation id is the order id).</summary>
public sealed class CatalogStockClient(HttpClient http)
{
    /// <summary>Null when every line is reserved; otherwise the short SKUs, with nothing reserved.</summary>
    public async Task<IReadOnlyList<StockShortage>?> ReserveAsync(Guid orderId, IReadOnlyList<StockLine> lines, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/stock/reservations", new { reservationId = orderId, lines }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var shortage = await response.Content.ReadFromJsonAsync<ShortageProblem>(cancellationToken);
            return shortage?.ShortSkus ?? [];
        }

        response.EnsureSuccessStatusCode();
        return null;
    }

    public async Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"/api/stock/reservations/{orderId}/release", null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    private sealed record ShortageProblem(IReadOnlyList<StockShortage>? ShortSkus);
}
