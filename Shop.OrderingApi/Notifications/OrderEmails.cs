using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Notifications;
using Shop.OrderingApi.Domain.Orders;

namespace Shop.OrderingApi.Notifications;

/// <summary>Bound from <c>Storefront</c>: where links in order emails point.</summary>
public sealed class StorefrontSettings
{
    public const string Section = "Storefront";

    [Required, Url]
    public string Url { get; set; } = "http://localhost:5100";
}

/// <summary>
/// Asks for the order-placed email. Internal to ordering, and the one event that carries a guest's order-link
/// secret: the email is the only other place it goes.
/// </summary>
public sealed record OrderConfirmationRequested(Guid OrderId, string Email, string? GuestAccessToken, long Total, string Currency) : IntegrationEvent;

/// <summary>The customer hears of each step of their order by email, sent from the order's events.</summary>
public sealed class OrderEmails(IEmailSender email, IOptions<StorefrontSettings> storefront) :
    IIntegrationEventHandler<OrderConfirmationRequested>,
    IIntegrationEventHandler<OrderPaid>,
    IIntegrationEventHandler<OrderShipped>,
    IIntegrationEventHandler<OrderCancelled>,
    IIntegrationEventHandler<OrderRefunded>
{
    public Task HandleAsync(OrderConfirmationRequested placed, CancellationToken ct) =>
        SendAsync(placed.Email, placed.OrderId, "placed",
            $"Thank you for your order of {Amount(placed.Total, placed.Currency)}. We will tell you when it is paid and shipped.",
            placed.GuestAccessToken, guest: false, ct);

    public Task HandleAsync(OrderPaid paid, CancellationToken ct) =>
        SendAsync(paid.Email, paid.OrderId, "paid", $"We received your payment of {Amount(paid.Total, paid.Currency)}.", null, paid.Guest, ct);

    public Task HandleAsync(OrderShipped shipped, CancellationToken ct) =>
        SendAsync(shipped.Email, shipped.OrderId, "shipped", $"Your order is on its way with {shipped.Carrier}, tracking number {shipped.TrackingNumber}.", null, shipped.Guest, ct);

    /// <summary>An order the shopper was never told of (checkout answered that nothing was ordered) gets no email.</summary>
    public Task HandleAsync(OrderCancelled cancelled, CancellationToken ct) => !cancelled.Announced
        ? Task.CompletedTask
        : SendAsync(cancelled.Email, cancelled.OrderId, "cancelled",
            $"Your order was cancelled ({cancelled.Reason}).{(cancelled.RefundDue ? " We are refunding your payment." : "")}", null, cancelled.Guest, ct);

    public Task HandleAsync(OrderRefunded refunded, CancellationToken ct) =>
        SendAsync(refunded.Email, refunded.OrderId, "refunded", $"We refunded {Amount(refunded.Amount, refunded.Currency)} to your payment method.", null, refunded.Guest, ct);

    /// <summary>
    /// One order email. A guest's link holds the order's secret only in the confirmation: later emails point them to
    /// it, since the link without the secret opens a sign-in page they have no account for.
    /// </summary>
    private Task SendAsync(string to, Guid orderId, string what, string text, string? guestToken, bool guest, CancellationToken ct)
    {
        if (to == Order.ErasedEmail)
        {
            // The person was erased: there is nobody to tell, and a relay would only bounce it.
            return Task.CompletedTask;
        }

        var link = $"{storefront.Value.Url.TrimEnd('/')}/account/orders/{orderId}" + (guestToken is null ? "" : $"?token={guestToken}");
        var reference = OrderReference.Of(orderId);
        var see = guest ? "See your order with the link in its confirmation email." : $"See your order: {link}";
        return email.SendAsync(new EmailMessage(to, $"Your Shop order {reference} is {what}", $"{text}\n\n{see}\n"), ct);
    }

    private static string Amount(long minorUnits, string currency) => MessageAmounts.Format(minorUnits, currency);
}
