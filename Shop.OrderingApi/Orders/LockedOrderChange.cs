using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;

namespace Shop.OrderingApi.Orders;

/// <summary>
/// A change to one order that moves money through the gateway (a refund, a cancelled payment). The order's row is
/// locked before the change reads it and until it commits: a concurrent change of that order waits, then reads the
/// result. An optimistic save alone would let two refunds both reach the gateway before one of them lost the race
/// and was not recorded, and its retry (with a new idempotency key) refunded again.
/// </summary>
public sealed class LockedOrderChange(OrderingDbContext db)
{
    /// <summary>Runs <paramref name="change"/>, which reads and saves the order, with the order locked; a retry of the whole is safe, since a refund's idempotency key comes from the order as read.</summary>
    public Task<T> RunAsync<T>(Guid orderId, Func<CancellationToken, Task<T>> change, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Orders" WHERE "Id" = {orderId} FOR UPDATE""", ct);
            var result = await change(ct);
            // Money may have moved: the commit is not abandoned halfway because the caller left.
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        });
}
