using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Reviews;

/// <summary>
/// A delivered order makes its customer a verified buyer of each product in it. Guest orders have no account to
/// review with, and an erased account is never recorded again (the delivery and the erasure come from different
/// services, so either may arrive first). Runs inside the inbox's transaction; a purchase already recorded stays.
/// </summary>
public sealed class OrderDeliveredHandler(CatalogDbContext db, TimeProvider clock) : IIntegrationEventHandler<OrderDelivered>
{
    public async Task HandleAsync(OrderDelivered integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.CustomerId is not { Length: > 0 } customerId)
        {
            return;
        }

        // A customer's erasure and deliveries take turns: a delivery handled as the erasure is either sees the erased
        // id or is deleted by it.
        await db.LockUntilCommitAsync(AdvisoryLocks.CustomerErasure, customerId, cancellationToken);
        if (await db.ErasedCustomers.AnyAsync(e => e.CustomerId == customerId, cancellationToken))
        {
            return;
        }

        var skus = integrationEvent.Items.Select(i => i.Sku).Distinct().ToList();
        var productIds = await db.Skus.Where(s => skus.Contains(s.Code)).Select(s => s.ProductId).Distinct().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var productId in productIds)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "VerifiedPurchases" ("CustomerId", "ProductId", "OrderId", "DeliveredAt")
                VALUES ({customerId}, {productId}, {integrationEvent.OrderId}, {now})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        }
    }
}

/// <summary>
/// An erased account's reviews lose their author but keep counting in the ratings; what they bought is forgotten,
/// and its id is kept so a late delivery does not record it again.
/// </summary>
public sealed class UserErasedHandler(CatalogDbContext db, TimeProvider clock) : IIntegrationEventHandler<UserErased>
{
    public async Task HandleAsync(UserErased integrationEvent, CancellationToken cancellationToken)
    {
        await db.LockUntilCommitAsync(AdvisoryLocks.CustomerErasure, integrationEvent.UserId, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ErasedCustomers" ("CustomerId", "ErasedAt") VALUES ({integrationEvent.UserId}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        await db.Reviews.Where(r => r.AuthorId == integrationEvent.UserId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.AuthorId, (string?)null).SetProperty(r => r.AuthorName, (string?)null), cancellationToken);
        await db.VerifiedPurchases.Where(p => p.CustomerId == integrationEvent.UserId).ExecuteDeleteAsync(cancellationToken);
    }
}
