using System.Globalization;
using Shop.WebApp.Api;

namespace Shop.WebApp.BackOffice;

/// <summary>The ordering service's staff endpoints beyond fulfilment: statistics, returns and promotions.</summary>
public sealed class StaffOrderingClient(HttpClient http, ILogger<StaffOrderingClient> logger)
{
    public Task<ApiResult<SalesStats>> GetStatsAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        Send<SalesStats>(new HttpRequestMessage(HttpMethod.Get,
            $"/api/orders/stats?from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"), ct);

    public Task<ApiResult<OrderReturns>> GetReturnsAsync(Guid orderId, CancellationToken ct) =>
        Send<OrderReturns>(new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderId}"), ct);

    /// <summary>approve, reject, receive or refund a return.</summary>
    public Task<ApiResult<object>> MoveReturnAsync(Guid orderId, Guid returnId, string action, string? note, CancellationToken ct) =>
        Send<object>(ApiCalls.Json(HttpMethod.Post, $"/api/orders/{orderId}/returns/{returnId}/{action}", new { note }), ct);

    public Task<ApiResult<IReadOnlyList<Promotion>>> ListPromotionsAsync(CancellationToken ct) =>
        Send<IReadOnlyList<Promotion>>(new HttpRequestMessage(HttpMethod.Get, "/api/promotions"), ct);

    public Task<ApiResult<Promotion>> CreatePromotionAsync(PromotionFields promotion, CancellationToken ct) =>
        Send<Promotion>(ApiCalls.Json(HttpMethod.Post, "/api/promotions", promotion), ct);

    public Task<ApiResult<Promotion>> UpdatePromotionAsync(string code, PromotionFields promotion, CancellationToken ct) =>
        Send<Promotion>(ApiCalls.Json(HttpMethod.Put, $"/api/promotions/{Uri.EscapeDataString(code)}", promotion), ct);

    private Task<ApiResult<T>> Send<T>(HttpRequestMessage request, CancellationToken ct) => ApiCalls.SendAsync<T>(http, request, logger, ct);
}
