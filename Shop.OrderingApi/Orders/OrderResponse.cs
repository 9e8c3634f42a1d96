using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Orders;

namespace Shop.OrderingApi.Orders;

public sealed record MoneyResponse(long Amount, string Currency)
{
    public static MoneyResponse From(Money money) => new(money.Amount, money.Currency);
}

public sealed record OrderLineResponse(string Sku, string ProductName, MoneyResponse UnitPrice, int Quantity, MoneyResponse Total);

public sealed record OrderTotalsResponse(
    MoneyResponse Subtotal, MoneyResponse Discount, MoneyResponse Shipping, MoneyResponse Tax, MoneyResponse Total,
    bool TaxIncluded, int TaxRateBasisPoints);

public sealed record OrderHistoryResponse(DateTimeOffset At, string Status, string Event, string? Note);

public sealed record ReturnResponse(Guid Id, IReadOnlyList<ReturnLine> Lines, string Reason, string Status, DateTimeOffset RequestedAt, string? StaffNote);

public sealed record OrderResponse(
    Guid Id,
    string Status,
    string Email,
    DateTimeOffset PlacedAt,
    DateTimeOffset PaymentDueBy,
    IReadOnlyList<OrderLineResponse> Lines,
    OrderTotalsResponse Totals,
    MoneyResponse Refunded,
    Address ShippingAddress,
    string ShippingMethod,
    string? DiscountCode,
    string? Carrier,
    string? TrackingNumber,
    IReadOnlyList<OrderHistoryResponse> History,
    IReadOnlyList<ReturnResponse> Returns)
{
    public static OrderResponse From(Order order) => new(
        order.Id,
        StatusName(order.Status),
        order.Email,
        order.PlacedAt,
        order.PaymentDueBy,
        order.Lines.Select(l => new OrderLineResponse(l.Sku, l.ProductName, MoneyResponse.From(l.UnitPrice), l.Quantity, MoneyResponse.From(l.Total))).ToList(),
        new OrderTotalsResponse(MoneyResponse.From(order.Totals.Subtotal), MoneyResponse.From(order.Totals.Discount),
            MoneyResponse.From(order.Totals.Shipping), MoneyResponse.From(order.Totals.Tax), MoneyResponse.From(order.Totals.Total),
            order.Totals.TaxIncluded, order.Totals.TaxRateBasisPoints),
        MoneyResponse.From(order.Refunded),
        order.ShippingAddress,
        order.ShippingMethod,
        order.DiscountCode,
        order.Carrier,
        order.TrackingNumber,
        // Actors stay internal: they name staff members and system parts.
        order.History.Select(h => new OrderHistoryResponse(h.At, StatusName(h.Status), h.Event, h.Note)).ToList(),
        order.Returns.Select(r => new ReturnResponse(r.Id, r.Lines, r.Reason, StatusName(r.Status), r.RequestedAt, r.StaffNote)).ToList());

    /// <summary>snake_case names, stable for API clients whatever the enum is called in code.</summary>
    public static string StatusName<TStatus>(TStatus status) where TStatus : struct, Enum =>
        string.Concat(status.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

public sealed record OrderSummaryResponse(Guid Id, string Status, DateTimeOffset PlacedAt, MoneyResponse Total, int ItemCount, string Email);
