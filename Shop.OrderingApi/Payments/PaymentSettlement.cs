using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Orders;

namespace Shop.OrderingApi.Payments;

/// <summary>
/// Applies a provider's verdict to the order it pays for; the caller saves, together with whatever records the
/// verdict's arrival. Hearing the same verdict twice changes nothing. A success for an order cancelled meanwhile (the
/// shopper confirmed as it was cancelled or expired, its stock already back on sale) is refunded in full at once.
/// </summary>
public sealed partial class PaymentSettlement(OrderingDbContext db, OrderRefunds refunds, TimeProvider clock, ILogger<PaymentSettlement> logger)
{
    public async Task SucceededAsync(string paymentReference, CancellationToken cancellationToken)
    {
        var order = await FindAsync(paymentReference, cancellationToken);
        if (order is null)
        {
            return;
        }

        try
        {
            if (order.MarkPaid(paymentReference, clock.GetUtcNow()))
            {
                db.AddIntegrationEvent(new OrderPaid(order.Id, order.Email,
                    order.Lines.Select(l => new OrderedItem(l.Sku, l.Quantity)).ToList(), order.Totals.Total.Amount, order.Totals.Total.Currency, order.IsGuestOrder));
            }
        }
        catch (OrderStateConflictException conflict)
        {
            LogLatePayment(order.Id, conflict.Current);
            if (order.Status == OrderStatus.Cancelled && order.RecordLatePayment(paymentReference, clock.GetUtcNow()))
            {
                await refunds.RefundAsync(order, order.RefundableAmount, "system", cancellationToken);
            }
        }
    }

    public async Task FailedAsync(string paymentReference, string code, CancellationToken cancellationToken)
    {
        var order = await FindAsync(paymentReference, cancellationToken);
        if (order is null || order.Status is not (OrderStatus.Placed or OrderStatus.AwaitingPayment))
        {
            return;
        }

        order.RecordPaymentFailure(code, clock.GetUtcNow());
    }

    private async Task<Order?> FindAsync(string paymentReference, CancellationToken cancellationToken)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.PaymentReference == paymentReference, cancellationToken);
        if (order is null)
        {
            LogUnknownPayment(paymentReference);
        }

        return order;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentReference} matches no order")]
    private partial void LogUnknownPayment(string paymentReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was paid while {Status}; the payment is refunded")]
    private partial void LogLatePayment(Guid orderId, OrderStatus status);
}
