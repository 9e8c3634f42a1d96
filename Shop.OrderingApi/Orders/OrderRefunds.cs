using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Payments;

namespace Shop.OrderingApi.Orders;

/// <summary>Gives money back through the gateway that took it, and records it on the order; the caller saves.</summary>
public sealed class OrderRefunds(IPaymentGateway gateway, OrderingDbContext db, TimeProvider clock)
{
    public async Task RefundAsync(Order order, Money amount, string actor, CancellationToken cancellationToken)
    {
        // Derived from what is already refunded: a retry of the same refund reuses the key, so the gateway refunds once.
        var idempotencyKey = $"refund-{order.Id}-{order.Refunded.Amount}-{amount.Amount}";
        var outcome = await gateway.RefundAsync(order.PaymentReference!, amount, idempotencyKey, cancellationToken);
        order.RecordRefund(amount, outcome.RefundReference, actor, clock.GetUtcNow());
        db.AddIntegrationEvent(new OrderRefunded(order.Id, order.Email, amount.Amount, amount.Currency, order.IsGuestOrder));
    }
}
