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
/// Cancels orders still unpaid when their payment window closes, so their reserved stock goes back on sale. Each
/// order is saved on its own; one that changed meanwhile (paid at the last second) is left alone.
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
        var now = Clock.GetUtcNow();
        var due = await db.Orders
            .Where(o => (o.Status == OrderStatus.Placed || o.Status == OrderStatus.AwaitingPayment) && o.PaymentDueBy <= now)
            .OrderBy(o => o.PaymentDueBy)
            .Take(100)
            .ToListAsync(cancellationToken);

        foreach (var order in due)
        {
            order.ExpireUnpaid(now);
            db.AddIntegrationEvent(new OrderCancelled(order.Id, order.Email, "payment not completed in time", RefundDue: false));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
