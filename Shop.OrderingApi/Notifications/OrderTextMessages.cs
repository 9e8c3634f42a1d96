using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Notifications;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Data;

namespace Shop.OrderingApi.Notifications;

/// <summary>
/// A text message when an order is paid and when it ships, to the phone number given with the shipping address.
/// Subscribed only when an SMS provider is configured (see <see cref="OrderNotificationsRegistration"/>).
/// </summary>
public sealed partial class OrderTextMessages(OrderingDbContext db, ILogger<OrderTextMessages> logger, ISmsSender sms) :
    IIntegrationEventHandler<OrderPaid>,
    IIntegrationEventHandler<OrderShipped>
{
    public Task HandleAsync(OrderPaid paid, CancellationToken ct) =>
        SendAsync(paid.OrderId, "paid", reference => $"Shop: we received your payment for order {reference}. We will text you when it ships.", ct);

    public Task HandleAsync(OrderShipped shipped, CancellationToken ct) =>
        SendAsync(shipped.OrderId, "shipped",
            reference => $"Shop: your order {reference} is on its way with {shipped.Carrier}, tracking number {shipped.TrackingNumber}.", ct);

    private async Task SendAsync(Guid orderId, string what, Func<string, string> text, CancellationToken ct)
    {
        var phone = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.ShippingAddress.Phone).FirstOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(phone))
        {
            return;
        }

        if (InternationalNumber(phone) is not { } to)
        {
            LogNotInternational(orderId, what);
            return;
        }

        try
        {
            await sms.SendAsync(new SmsMessage(to, text(OrderReference.Of(orderId))), ct);
        }
        catch (SmsRejectedException rejected)
        {
            // Retrying cannot fix a refused number, and a retry would repeat this event's emails too.
            LogRejected(rejected, orderId, what);
        }
    }

    /// <summary>The number in E.164 form, from what a shopper typed ("+49 151 123-456"); null without a country code.</summary>
    public static string? InternationalNumber(string phone)
    {
        // "+49 (0)151 …": the trunk zero in brackets is dialled only from within the country.
        var compact = Separators().Replace(TrunkZero().Replace(phone.Trim(), "$1"), "");
        return E164().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex(@"^(\+\d{1,3})\s*\(0\)")]
    private static partial Regex TrunkZero();

    [GeneratedRegex(@"[ ()\-.]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} {What} text not sent: the phone number has no country code")]
    private partial void LogNotInternational(Guid orderId, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} {What} text was refused by the SMS provider")]
    private partial void LogRejected(Exception exception, Guid orderId, string what);
}
