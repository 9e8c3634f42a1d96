using System.Security.Cryptography;
using System.Text;

namespace Shop.OrderingApi.Domain.Orders;

/// <summary>
/// A placed order and its life. Every rule about which change is allowed when lives here; an action the current
/// state does not allow throws <see cref="OrderStateConflictException"/> and changes nothing.
/// </summary>
public sealed class Order
{
    /// <summary>What an anonymized order has for an email: no message is sent to it.</summary>
    public const string ErasedEmail = "erased@invalid";

    private readonly List<OrderLine> _lines = [];
    private readonly List<OrderHistoryEntry> _history = [];
    private readonly List<ReturnRequest> _returns = [];

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>The signed-in customer's id, or null for a guest order.</summary>
    public string? CustomerId { get; private set; }

    public string Email { get; private set; } = "";

    /// <summary>SHA-256 of the secret in a guest's order link; the secret itself is never stored.</summary>
    public string? GuestAccessTokenHash { get; private set; }

    public Address ShippingAddress { get; private set; } = null!;
    public string ShippingMethod { get; private set; } = "";
    public string? DiscountCode { get; private set; }
    public OrderTotals Totals { get; private set; } = null!;
    public OrderStatus Status { get; private set; }
    public DateTimeOffset PlacedAt { get; private set; }

    /// <summary>Stock stays reserved for the order until then; an order still unpaid by this time is cancelled.</summary>
    public DateTimeOffset PaymentDueBy { get; private set; }

    public string? PaymentReference { get; private set; }
    public Money Refunded { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;
    public IReadOnlyList<OrderHistoryEntry> History => _history;
    public IReadOnlyList<ReturnRequest> Returns => _returns;

    private Order() { }

    /// <summary>Places an order for lines priced by the catalog; returns the guest access secret for a guest order.</summary>
    public static (Order Order, string? GuestAccessToken) Place(
        string? customerId,
        string email,
        IReadOnlyList<OrderLine> lines,
        Address shippingAddress,
        string shippingMethod,
        string? discountCode,
        OrderTotals totals,
        DateTimeOffset now,
        TimeSpan paymentWindow,
        Guid? id = null)
    {
        if (lines.Count == 0)
        {
            throw new ArgumentException("An order has at least one line.", nameof(lines));
        }

        var order = new Order
        {
            Id = id ?? Guid.CreateVersion7(),
            CustomerId = customerId,
            Email = email,
            ShippingAddress = shippingAddress,
            ShippingMethod = shippingMethod,
            DiscountCode = discountCode,
            Totals = totals,
            Status = OrderStatus.Placed,
            PlacedAt = now,
            PaymentDueBy = now + paymentWindow,
            Refunded = Money.Zero(totals.Total.Currency),
        };
        order._lines.AddRange(lines);
        order.Record(now, "placed", customerId ?? "guest");

        string? guestToken = null;
        if (customerId is null)
        {
            guestToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            order.GuestAccessTokenHash = HashOf(guestToken);
        }

        return (order, guestToken);
    }

    /// <summary>Constant-time comparison, so the time taken tells a guesser nothing.</summary>
    public bool IsGuestAccessToken(string token) =>
        GuestAccessTokenHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(token)), Encoding.ASCII.GetBytes(GuestAccessTokenHash));

    public bool BelongsTo(string customerId) => CustomerId == customerId;

    public void AwaitPayment(string paymentReference, DateTimeOffset now)
    {
        Require(Status is OrderStatus.Placed or OrderStatus.AwaitingPayment, "awaiting payment");
        PaymentReference = paymentReference;
        if (Status != OrderStatus.AwaitingPayment)
        {
            Transition(OrderStatus.AwaitingPayment, now, "payment started", "payments", paymentReference);
        }
    }

    /// <summary>
    /// Pay now: a shopper comes back to pay an order still waiting for payment (the tab was closed, a card declined),
    /// until it is due and the unpaid-order expiry cancels it.
    /// </summary>
    public void RequirePayable(DateTimeOffset now) =>
        Require(Status is OrderStatus.Placed or OrderStatus.AwaitingPayment && now < PaymentDueBy, "paid now");

    /// <summary>Settles the payment. Hearing of the same payment twice (a replayed webhook) changes nothing.</summary>
    public bool MarkPaid(string paymentReference, DateTimeOffset now)
    {
        if (Status == OrderStatus.Paid && PaymentReference == paymentReference)
        {
            return false;
        }

        Require(Status is OrderStatus.Placed or OrderStatus.AwaitingPayment, "paid");
        PaymentReference = paymentReference;
        Transition(OrderStatus.Paid, now, "paid", "payments", paymentReference);
        return true;
    }

    /// <summary>A declined attempt: the order keeps waiting, so the shopper can try another card before it is due.</summary>
    public void RecordPaymentFailure(string reason, DateTimeOffset now)
    {
        Require(Status is OrderStatus.Placed or OrderStatus.AwaitingPayment, "charged");
        Record(now, "payment failed", "payments", reason);
    }

    public void Ship(string carrier, string trackingNumber, string actor, DateTimeOffset now)
    {
        Require(Status == OrderStatus.Paid, "shipped");
        Carrier = carrier;
        TrackingNumber = trackingNumber;
        Transition(OrderStatus.Shipped, now, "shipped", actor, $"{carrier} {trackingNumber}");
    }

    public void MarkDelivered(string actor, DateTimeOffset now)
    {
        Require(Status == OrderStatus.Shipped, "delivered");
        DeliveredAt = now;
        Transition(OrderStatus.Delivered, now, "delivered", actor, null);
    }

    /// <summary>A customer may cancel until the order ships. True when the order was paid and must be refunded.</summary>
    public bool CancelByCustomer(DateTimeOffset now)
    {
        Require(Status is OrderStatus.Placed or OrderStatus.AwaitingPayment or OrderStatus.Paid, "cancelled by the customer");
        return Cancel(now, CustomerId ?? "guest", "cancelled by the customer");
    }

    /// <summary>Staff may cancel any time before delivery. True when the order was paid and must be refunded.</summary>
    public bool CancelByStaff(string actor, string reason, DateTimeOffset now)
    {
        Require(Status is OrderStatus.Placed or OrderStatus.AwaitingPayment or OrderStatus.Paid or OrderStatus.Shipped, "cancelled");
        return Cancel(now, actor, reason);
    }

    /// <summary>Its payment could not be started: cancelled before anyone could pay it.</summary>
    public void CancelUnpayable(string reason, DateTimeOffset now)
    {
        Require(Status == OrderStatus.Placed, "cancelled");
        Cancel(now, "system", reason);
    }

    /// <summary>Still waiting for its payment when the payment window has closed.</summary>
    public bool IsUnpaidWhenDue(DateTimeOffset now) => Status is OrderStatus.Placed or OrderStatus.AwaitingPayment && now >= PaymentDueBy;

    /// <summary>Unpaid when due: the reservation lapses and the order is cancelled.</summary>
    public void ExpireUnpaid(DateTimeOffset now)
    {
        Require(IsUnpaidWhenDue(now), "expired");
        Cancel(now, "system", "payment not completed in time");
    }

    public Money RefundableAmount => Totals.Total - Refunded;

    /// <summary>
    /// Its payment succeeded after the order was cancelled (the shopper confirmed as it was cancelled or expired):
    /// recorded, for the refund that follows. True the first time this payment is heard of.
    /// </summary>
    public bool RecordLatePayment(string paymentReference, DateTimeOffset now)
    {
        Require(Status == OrderStatus.Cancelled && PaymentReference == paymentReference, "paid");
        if (_history.Any(h => h.Event == LatePaymentEvent))
        {
            return false;
        }

        Record(now, LatePaymentEvent, "system", paymentReference);
        return true;
    }

    private const string LatePaymentEvent = "paid after cancellation";

    /// <summary>Records money given back; never more than was paid.</summary>
    public void RecordRefund(Money amount, string refundReference, string actor, DateTimeOffset now)
    {
        if (amount.Amount <= 0 || amount.Amount > RefundableAmount.Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), $"A refund is between 1 and {RefundableAmount.Amount} {amount.Currency}.");
        }

        Require(PaymentReference is not null && Status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Cancelled, "refunded");
        Refunded += amount;
        Record(now, "refunded", actor, $"{amount} ({refundReference})");
    }

    /// <summary>Within <paramref name="window"/> of delivery, for items bought and not already being returned.</summary>
    public ReturnRequest RequestReturn(IReadOnlyList<ReturnLine> lines, string reason, TimeSpan window, DateTimeOffset now)
    {
        Require(Status == OrderStatus.Delivered && now <= DeliveredAt + window, "returned (returns are accepted for delivered orders within the return window)");
        if (lines.FirstOrDefault(l => l.Quantity < 1) is { } empty)
        {
            throw new InvalidReturnException($"Return at least 1 of {empty.Sku}.");
        }

        // One line per SKU: an item named twice is checked, and later refunded, as its total, never twice over.
        lines = lines.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => new ReturnLine(g.Key, g.Sum(l => l.Quantity))).ToList();
        foreach (var line in lines)
        {
            var bought = _lines.Where(l => l.Sku == line.Sku).Sum(l => l.Quantity);
            var alreadyReturning = _returns.Where(r => r.Status != ReturnStatus.Rejected)
                .SelectMany(r => r.Lines).Where(l => l.Sku == line.Sku).Sum(l => l.Quantity);
            if (line.Quantity > bought - alreadyReturning)
            {
                throw new InvalidReturnException($"At most {bought - alreadyReturning} of {line.Sku} can be returned.");
            }
        }

        var request = new ReturnRequest(Guid.CreateVersion7(), lines, reason, ReturnStatus.Requested, now, null);
        _returns.Add(request);
        Record(now, "return requested", CustomerId ?? "guest", reason);
        return request;
    }

    public ReturnRequest MoveReturn(Guid returnId, ReturnStatus next, string actor, string? note, DateTimeOffset now)
    {
        var index = _returns.FindIndex(r => r.Id == returnId);
        if (index < 0)
        {
            throw new KeyNotFoundException($"Order {Id} has no return {returnId}.");
        }

        _returns[index] = _returns[index].MoveTo(next, note);
        Record(now, $"return {next.ToString().ToLowerInvariant()}", actor, note);
        return _returns[index];
    }

    /// <summary>
    /// What a return gives back: the returned items at the price paid, never more than is left to refund. Worked out
    /// as what every item returned so far cost less what the earlier returns gave back, so the pennies rounded on
    /// each return add up: returning everything, one item at a time, gives back exactly the goods' part of the total.
    /// </summary>
    public Money RefundDueFor(ReturnRequest request)
    {
        var earlier = _returns.Where(r => r.Id != request.Id && r.Status == ReturnStatus.Refunded).SelectMany(r => r.Lines).ToList();
        var due = PaidFor(earlier.Concat(request.Lines)) - PaidFor(earlier);
        return due.Min(RefundableAmount);
    }

    /// <summary>
    /// What these items cost the customer: their list price less their share of the discount, with the tax added on
    /// top where prices were shown without it. Shipping is the order's, not the items'.
    /// </summary>
    private Money PaidFor(IEnumerable<ReturnLine> lines)
    {
        var currency = Totals.Total.Currency;
        var listed = lines.Sum(line => checked(_lines.First(l => l.Sku == line.Sku).UnitPrice.Amount * line.Quantity));
        var subtotal = Totals.Subtotal.Amount;
        var goods = subtotal == 0 ? 0 : (long)Math.Round(listed * (decimal)(subtotal - Totals.Discount.Amount) / subtotal, MidpointRounding.AwayFromZero);
        var paid = new Money(goods, currency);
        return Totals.TaxIncluded ? paid : paid + paid.Share(Totals.TaxRateBasisPoints);
    }

    public bool WasPaid => _history.Any(h => h.Event == "paid");

    /// <summary>Placed without an account: opened only through the link in its confirmation email.</summary>
    public bool IsGuestOrder => CustomerId is null && GuestAccessTokenHash is not null;

    /// <summary>
    /// Personal data erasure: the amounts stay for the books, the person goes, also from the history (their account
    /// id as the one who acted) and from what they wrote (the reasons of their returns).
    /// </summary>
    public void Anonymize(DateTimeOffset now)
    {
        for (var i = 0; i < _history.Count; i++)
        {
            var entry = _history[i];
            _history[i] = entry with
            {
                Actor = CustomerId is not null && entry.Actor == CustomerId ? "customer" : entry.Actor,
                Note = entry.Event == "return requested" ? null : entry.Note,
            };
        }

        for (var i = 0; i < _returns.Count; i++)
        {
            _returns[i] = _returns[i] with { Reason = "" };
        }

        CustomerId = null;
        GuestAccessTokenHash = null;
        Email = ErasedEmail;
        ShippingAddress = ShippingAddress.Anonymized();
        Record(now, "personal data erased", "system");
    }

    private bool Cancel(DateTimeOffset now, string actor, string reason)
    {
        // Paid, and not already given back in full by staff's refunds before the cancellation.
        var refundDue = WasPaid && RefundableAmount.Amount > 0;
        Transition(OrderStatus.Cancelled, now, "cancelled", actor, reason);
        return refundDue;
    }

    private void Require(bool allowed, string action)
    {
        if (!allowed)
        {
            throw new OrderStateConflictException(Status, action);
        }
    }

    private void Transition(OrderStatus to, DateTimeOffset now, string @event, string actor, string? note)
    {
        Status = to;
        Record(now, @event, actor, note);
    }

    private void Record(DateTimeOffset now, string @event, string actor, string? note = null) =>
        _history.Add(new OrderHistoryEntry(now, Status, @event, actor, note));

    private static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
