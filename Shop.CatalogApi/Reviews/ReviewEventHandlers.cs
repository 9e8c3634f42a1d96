using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.Messaging;
using Shop.Messaging.Contracts;

namespace Shop.CatalogApi.Reviews;

/// <summary>
/// A delivered order makes its customer a verified buyer of each product in it. Guest orders have no account to
/// review with. Runs inside the inbox's transaction; a purchase already recorded stays as it is.
/// </summary>
public sealed class OrderDeliveredHandler(CatalogDbContext db, TimeProvider clock) : IIntegrationEventHandler<OrderDelivered>
{
    public async Task HandleAsync(OrderDelivered integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.CustomerId is not { Length: > 0 } customerId)
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
/// An erased account's reviews lose their author but keep counting in the ratings; what they bought is forgotten.
/// </summary>
public sealed class UserErasedHandler(CatalogDbContext db) : IIntegrationEventHandler<UserErased>
{
    public async Task HandleAsync(UserErased integrationEvent, CancellationToken cancellationToken)
    {
        await db.Reviews.Where(r => r.AuthorId == integrationEvent.UserId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.AuthorId, (string?)null).SetProperty(r => r.AuthorName, (string?)null), cancellationToken);
        await db.VerifiedPurchases.Where(p => p.CustomerId == integrationEvent.UserId).ExecuteDeleteAsync(cancellationToken);
    }
}
