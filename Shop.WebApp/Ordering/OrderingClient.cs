using System.Globalization;
using Shop.WebApp.Api;

namespace Shop.WebApp.Ordering;

public sealed record OrderFilter(string? Status, string? Email, DateOnly? From, DateOnly? To, int Page = 1, int PageSize = 25, string? CustomerId = null);

/// <summary>
/// The ordering service: checkout, payments with the built-in test gateway, the shopper's orders and staff
/// fulfilment. Calls carry the session's access token (AccessTokenHandler); guests use an order's link secret.
/// </summary>
public sealed class OrderingClient(HttpClient http, ILogger<OrderingClient> logger)
{
    public Task<ApiResult<IReadOnlyList<ShippingMethod>>> GetShippingMethodsAsync(CancellationToken ct) =>
        Send<IReadOnlyList<ShippingMethod>>(new HttpRequestMessage(HttpMethod.Get, "/api/shipping-methods"), ct);

    /// <summary>
    /// Places the order. The idempotency key is kept in the checkout form, so a double submit or a retry after a
    /// lost answer gets the same order back instead of a second one.
    /// </summary>
    public Task<ApiResult<PlacedOrder>> PlaceOrderAsync(PlaceOrder order, string idempotencyKey, CancellationToken ct)
    {
        var request = ApiCalls.Json(HttpMethod.Post, "/api/orders", order);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Send<PlacedOrder>(request, ct);
    }

    public Task<ApiResult<PaymentOutcome>> ConfirmTestPaymentAsync(TestCard card, CancellationToken ct) =>
        Send<PaymentOutcome>(ApiCalls.Json(HttpMethod.Post, "/api/payments/test-gateway/confirm", card), ct);

    /// <summary>The test gateway's stand-in for the bank's 3-D Secure page.</summary>
    public Task<ApiResult<PaymentOutcome>> AuthenticateTestPaymentAsync(string clientSecret, bool approve, CancellationToken ct) =>
        Send<PaymentOutcome>(ApiCalls.Json(HttpMethod.Post, "/api/payments/test-gateway/authenticate", new { clientSecret, approve }), ct);

    public Task<ApiResult<Order>> GetOrderAsync(Guid id, string? token, CancellationToken ct) =>
        Send<Order>(new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{id}{TokenQuery(token)}"), ct);

    public Task<ApiResult<OrderList>> ListMyOrdersAsync(int page, CancellationToken ct) =>
        Send<OrderList>(new HttpRequestMessage(HttpMethod.Get, $"/api/orders?page={page}&pageSize=20"), ct);

    /// <summary>Pay now: the order's open payment (or a new one) for an order still awaiting payment.</summary>
    public Task<ApiResult<OrderPayment>> PayAsync(Guid id, string? token, CancellationToken ct) =>
        Send<OrderPayment>(new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{id}/payment{TokenQuery(token)}"), ct);

    public Task<ApiResult<Order>> CancelAsync(Guid id, string? token, string? reason, CancellationToken ct) =>
        Send<Order>(ApiCalls.Json(HttpMethod.Post, $"/api/orders/{id}/cancel{TokenQuery(token)}", new { reason }), ct);

    public Task<ApiResult<OrderList>> ListAllOrdersAsync(OrderFilter filter, CancellationToken ct)
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new("page", filter.Page.ToString(CultureInfo.InvariantCulture)),
            new("pageSize", filter.PageSize.ToString(CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrWhiteSpace(filter.Status)) query.Add(new("status", filter.Status));
        if (!string.IsNullOrWhiteSpace(filter.Email)) query.Add(new("email", filter.Email.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.CustomerId)) query.Add(new("customerId", filter.CustomerId));
        if (filter.From is { } from) query.Add(new("from", Instant(from)));
        // Up to the end of that day; the last day there is has no day after it, and means no end.
        if (filter.To is { } to && to < DateOnly.MaxValue) query.Add(new("to", Instant(to.AddDays(1))));
        return Send<OrderList>(new HttpRequestMessage(HttpMethod.Get, "/api/orders/all" + QueryString.Create(query)), ct);
    }

    public Task<ApiResult<Order>> ShipAsync(Guid id, string carrier, string trackingNumber, CancellationToken ct) =>
        Send<Order>(ApiCalls.Json(HttpMethod.Post, $"/api/orders/{id}/ship", new { carrier, trackingNumber }), ct);

    public Task<ApiResult<Order>> MarkDeliveredAsync(Guid id, CancellationToken ct) =>
        Send<Order>(new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{id}/deliver"), ct);

    /// <summary>With an idempotency key, the same refund sent twice (a double submit) refunds once.</summary>
    public Task<ApiResult<Order>> RefundAsync(Guid id, long amount, string? idempotencyKey, CancellationToken ct)
    {
        var request = ApiCalls.Json(HttpMethod.Post, $"/api/orders/{id}/refunds", new { amount });
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Send<Order>(request, ct);
    }

    private static string TokenQuery(string? token) => string.IsNullOrEmpty(token) ? "" : $"?token={Uri.EscapeDataString(token)}";

    private static string Instant(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToString("o", CultureInfo.InvariantCulture);

    private Task<ApiResult<T>> Send<T>(HttpRequestMessage request, CancellationToken ct) => ApiCalls.SendAsync<T>(http, request, logger, ct);
}
