using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.OrderingApi.Data;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Orders;

/// <summary>
/// A person erased their account: their orders (placed signed in, or as a guest with the same email) keep their
/// amounts for the books and lose the personal fields; the saved answers to their idempotent checkouts, which
/// repeat those fields (signed in, or a guest's answer naming one of those orders), are deleted. Saved with the inbox row, so a redelivery changes nothing.
/// </summary>
public sealed class UserErasedHandler(OrderingDbContext db, TimeProvider clock) : IIntegrationEventHandler<UserErased>
{
    /// <summary>The key of an erased person's discount uses: no account id or email is ever this.</summary>
    public const string ErasedCustomerKey = "erased";

    public async Task HandleAsync(UserErased integrationEvent, CancellationToken cancellationToken)
    {
        // Checkouts with the person's still-valid tokens take turns with this: one committed before is anonymized
        // below, one after finds the erased id and is refused.
        await db.LockUntilCommitAsync(ErasedCustomer.ErasureLock, integrationEvent.UserId, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ErasedCustomers" ("CustomerId", "ErasedAt") VALUES ({integrationEvent.UserId}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
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
        // A discount code's uses are counted per account id or guest email: those keys would name the person beside
        // their orders. The uses still count towards the code's total.
        var usedBy = new[] { integrationEvent.UserId, email };
        await db.PromotionRedemptions.Where(r => usedBy.Contains(r.CustomerKey) || orderIds.Contains(r.OrderId))
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.CustomerKey, ErasedCustomerKey), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
