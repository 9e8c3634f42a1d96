using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.OrderingApi.Data;

namespace Shop.OrderingApi.Orders;

/// <summary>
/// A person erased their account: their orders (placed signed in, or as a guest with the same email) keep their
/// amounts for the books and lose the personal fields; the saved answers to their idempotent checkouts, which
/// repeat those fields (signed in, or a guest's answer naming one of those orders), are deleted. Saved with the inbox row, so a redelivery changes nothing.
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

        // Guests' answers are all kept under one scope; their order ids find the erased person's.
        var orderIds = orders.Select(o => (Guid?)o.Id).ToList();
        await db.IdempotencyRecords.Where(r => r.Scope == integrationEvent.UserId || orderIds.Contains(r.OrderId))
            .ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
