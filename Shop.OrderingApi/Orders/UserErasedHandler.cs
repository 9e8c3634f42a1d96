using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.OrderingApi.Data;

namespace Shop.OrderingApi.Orders;

/// <summary>
/// A person erased their account: their orders (placed signed in, or as a guest with the same email) keep their
/// amounts for the books and lose the personal fields; the saved answers to their idempotent checkouts, which
/// repeat those fields, are deleted. Saved with the inbox row, so a redelivery changes nothing.
/// </summary>
public sealed class UserErasedHandler(OrderingDbContext db, TimeProvider clock) : IIntegrationEventHandler<UserErased>
{
    public async Task HandleAsync(UserErased integrationEvent, CancellationToken cancellationToken)
    {
        var email = integrationEvent.Email.ToLowerInvariant();
        var orders = await db.Orders
            .Where(o => o.CustomerId == integrationEvent.UserId || (o.CustomerId == null && o.Email.ToLower() == email))
            .ToListAsync(cancellationToken);
        foreach (var order in orders)
        {
            order.Anonymize(clock.GetUtcNow());
        }

        await db.IdempotencyRecords.Where(r => r.Scope == integrationEvent.UserId).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
