using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Shop.OrderingApi.Checkout;

/// <summary>What checkout takes from a basket line: which SKU and how many. Prices come from the stock reservation.</summary>
public sealed record BasketLineSnapshot(string Sku, int Quantity);

public sealed record BasketSnapshot(string Id, IReadOnlyList<BasketLineSnapshot> Lines);

/// <summary>
/// Reads the basket being checked out from the basket service, as the shopper (their token, or the guest id). Only
/// its lines are used, so the basket's own recent answers from the catalog do: the catalog prices the order when it
/// reserves the stock.
/// </summary>
public sealed class BasketClient(HttpClient http)
{
    public async Task<BasketSnapshot?> GetAsync(string basketId, AuthenticationHeaderValue? caller, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/baskets/{Uri.EscapeDataString(basketId)}");
        request.Headers.Authorization = caller;
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

/// <summary>A reserved SKU as the catalog sells it at the moment of the reservation.</summary>
public sealed record ReservedSku(string Sku, string Name, long Price, string Currency, int WeightGrams);

public abstract record StockReservationOutcome
{
    /// <summary>Every line is held; each SKU priced by the catalog as it took the stock.</summary>
    public sealed record Reserved(IReadOnlyList<ReservedSku> Skus) : StockReservationOutcome;

    /// <summary>Nothing was reserved: stock is short, or some SKUs are no longer on sale (<paramref name="NotOnSale"/>).</summary>
    public sealed record Refused(IReadOnlyList<StockShortage> ShortSkus, bool NotOnSale) : StockReservationOutcome;
}

/// <summary>Reserves and releases stock in the catalog for an order (the reservation id is the order id).</summary>
public sealed class CatalogStockClient(HttpClient http)
{
    public async Task<StockReservationOutcome> ReserveAsync(Guid orderId, IReadOnlyList<StockLine> lines, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/stock/reservations", new { reservationId = orderId, lines }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var refusal = await response.Content.ReadFromJsonAsync<RefusalProblem>(cancellationToken);
            return new StockReservationOutcome.Refused(refusal?.ShortSkus ?? [], refusal?.Code == "not-on-sale");
        }

        response.EnsureSuccessStatusCode();
        var reserved = await response.Content.ReadFromJsonAsync<ReservationAnswer>(cancellationToken)
            ?? throw new InvalidOperationException("The catalog answered a reservation without its lines.");
        return new StockReservationOutcome.Reserved(reserved.Lines);
    }

    public async Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"/api/stock/reservations/{orderId}/release", null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    private sealed record RefusalProblem(string? Code, IReadOnlyList<StockShortage>? ShortSkus);

    private sealed record ReservationAnswer(IReadOnlyList<ReservedSku> Lines);
}
