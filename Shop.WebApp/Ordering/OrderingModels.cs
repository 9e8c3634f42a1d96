using Shop.WebApp.Catalog;

namespace Shop.WebApp.Ordering;

public sealed record ShippingMethod(string Code, string Name, int MinDeliveryDays, int MaxDeliveryDays, long? FreeFrom);

public sealed record Address(string Name, string Line1, string? Line2, string City, string PostalCode, string Country, string? Region, string? Phone);

public sealed record PlaceOrder(string BasketId, string? Email, Address ShippingAddress, string ShippingMethod, string? DiscountCode);

public sealed record PaymentSession(string Provider, string PaymentReference, string ClientSecret, string? PublishableKey);

public sealed record PlacedOrder(Order Order, PaymentSession Payment, string? GuestAccessToken);

public sealed record OrderPayment(Order Order, PaymentSession Payment);

public sealed record TestCard(string ClientSecret, string CardNumber, int ExpiryMonth, int ExpiryYear, string Cvc);

/// <summary>succeeded, requires_action (3-D Secure) or declined with a decline code.</summary>
public sealed record PaymentOutcome(string Status, string? DeclineCode);

public sealed record OrderLine(string Sku, string ProductName, Money UnitPrice, int Quantity, Money Total);

public sealed record OrderTotals(Money Subtotal, Money Discount, Money Shipping, Money Tax, Money Total, bool TaxIncluded, int TaxRateBasisPoints);

public sealed record OrderHistoryEntry(DateTimeOffset At, string Status, string Event, string? Note);

public sealed record Order(
    Guid Id,
    string Status,
    string Email,
    DateTimeOffset PlacedAt,
    DateTimeOffset PaymentDueBy,
    IReadOnlyList<OrderLine> Lines,
    OrderTotals Totals,
    Money Refunded,
    Address ShippingAddress,
    string ShippingMethod,
    string? DiscountCode,
    string? Carrier,
    string? TrackingNumber,
    IReadOnlyList<OrderHistoryEntry> History)
{
    /// <summary>What a shopper calls the order: its id's first characters, as order emails do.</summary>
    public string Reference => OrderStatuses.Reference(Id);

    public bool CustomerCanCancel => Status is "placed" or "awaiting_payment" or "paid";

    /// <summary>Pay now is offered until the order is paid, or cancelled for want of payment.</summary>
    public bool AwaitsPayment => Status is "placed" or "awaiting_payment";
}

public sealed record OrderSummary(Guid Id, string Status, DateTimeOffset PlacedAt, Money Total, int ItemCount, string Email)
{
    public string Reference => OrderStatuses.Reference(Id);
}

public sealed record OrderList(IReadOnlyList<OrderSummary> Items, int Page, int PageSize, long Total)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public static class OrderStatuses
{
    public static readonly string[] All = ["placed", "awaiting_payment", "paid", "shipped", "delivered", "cancelled"];

    /// <summary>Statuses whose money the store has taken.</summary>
    public static readonly string[] Paid = ["paid", "shipped", "delivered"];

    public static string Label(string status) => status switch
    {
        "awaiting_payment" => "Awaiting payment",
        _ => char.ToUpperInvariant(status[0]) + status[1..].Replace('_', ' '),
    };

    /// <summary>The reference the ordering service puts in its emails: the random tail of the UUIDv7 id.</summary>
    public static string Reference(Guid id) => id.ToString("N")[^10..].ToUpperInvariant();
}
