namespace Shop.Messaging.Contracts;

/// <summary>A SKU and how many of it, as the order events carry them.</summary>
public sealed record OrderedItem(string Sku, int Quantity);

// The events the customer is emailed about say whether the order is a guest's (Guest): a guest opens their order
// only through the link in its confirmation email, not through an account. Events from before the flag read as not.

/// <summary>An order was paid: the catalog commits its reserved stock; the customer is told.</summary>
public sealed record OrderPaid(Guid OrderId, string Email, IReadOnlyList<OrderedItem> Items, long Total, string Currency, bool Guest = false) : IntegrationEvent;

/// <summary>
/// An order was cancelled (by the customer, staff, an unpaid order's expiry, or because its payment could not start):
/// its units go back on sale, paid for or not, unless it had shipped (Shipped: staff cancelled it on its way, so its
/// units are gone until a return). The shopper is told unless the order was never announced to them (Announced false:
/// checkout answered that nothing was ordered); events from before the flags existed read as announced, not shipped.
/// </summary>
public sealed record OrderCancelled(Guid OrderId, string Email, string Reason, bool RefundDue, bool Announced = true, bool Shipped = false, bool Guest = false) : IntegrationEvent;

/// <summary>An order left the warehouse.</summary>
public sealed record OrderShipped(Guid OrderId, string Email, string Carrier, string TrackingNumber, bool Guest = false) : IntegrationEvent;

/// <summary>An order reached its customer; reviews of its products are now allowed.</summary>
public sealed record OrderDelivered(Guid OrderId, string? CustomerId, IReadOnlyList<OrderedItem> Items) : IntegrationEvent;

/// <summary>Money went back to the customer.</summary>
public sealed record OrderRefunded(Guid OrderId, string Email, long Amount, string Currency, bool Guest = false) : IntegrationEvent;

/// <summary>An order was placed from a basket: the basket service empties that basket.</summary>
public sealed record OrderPlaced(Guid OrderId, string? CustomerId, string BasketId, string Email, IReadOnlyList<OrderedItem> Items, long Total, string Currency)
    : IntegrationEvent;
