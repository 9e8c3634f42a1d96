using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Payments;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Orders;

/// <summary>
/// Cancels orders still unpaid when their payment window closes, so their reserved stock goes back on sale, and stops
/// their open payments. Each order is read and saved on its own; one that changed meanwhile (paid at the last second)
/// is left alone, and the others are not touched by its failed save.
/// </summary>
public sealed class UnpaidOrderExpiry(
    IServiceScopeFactory scopeFactory,
    IOptions<PaymentSettings> settings,
    TimeProvider clock,
    ILogger<UnpaidOrderExpiry> logger) : PeriodicBackgroundService(settings.Value.ExpiryCheckInterval, clock, logger)
{
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        var openPayments = scope.ServiceProvider.GetRequiredService<OpenPaymentCancellation>();
        var now = Clock.GetUtcNow();
        var due = await db.Orders
            .Where(o => (o.Status == OrderStatus.Placed || o.Status == OrderStatus.AwaitingPayment) && o.PaymentDueBy <= now)
            .OrderBy(o => o.PaymentDueBy)
            .Select(o => o.Id)
            .Take(100)
            .ToListAsync(cancellationToken);

        foreach (var orderId in due)
        {
            // A clean context for each: an order or event left from a failed save must not be saved with the next one.
            db.ChangeTracker.Clear();
            var order = await db.Orders.SingleAsync(o => o.Id == orderId, cancellationToken);
            if (!order.IsUnpaidWhenDue(now))
            {
                continue;
            }

            // An order whose payment never started was never announced: the shopper was told nothing was ordered.
            var announced = order.Status == OrderStatus.AwaitingPayment;
            order.ExpireUnpaid(now);
            db.AddIntegrationEvent(new OrderCancelled(order.Id, order.Email, "payment not completed in time", RefundDue: false, Announced: announced, Guest: order.IsGuestOrder));
            await openPayments.CancelAsync(order, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed since it was read (paid, or cancelled by its customer): nothing of this order is saved.
            }
        }
    }
}
