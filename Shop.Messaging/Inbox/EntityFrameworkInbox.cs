using Microsoft.EntityFrameworkCore;

namespace Shop.Messaging.Inbox;

/// <summary>
/// The inbox in the service's own database: the handler's changes and the inbox row commit in one transaction, so
/// a message is either handled and remembered, or neither. The row is written first: a second delivery of the same
/// message waits on it until the first one's transaction ends, then finds it handled (or, if that rolled back, handles it).
/// </summary>
internal sealed class EntityFrameworkInbox<TContext>(TContext db, TimeProvider clock) : IInbox where TContext : DbContext
{
    public async Task<bool> HandleOnceAsync(Guid messageId, string consumer, Func<Task> handle, CancellationToken cancellationToken)
    {
        // The transaction is all or nothing (a failure rolls it back and the message is retried), so the handler's
        // SaveChanges needs no savepoint of its own: that is two round trips fewer per message.
        db.Database.AutoSavepointsEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var first = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, handled_at)
                VALUES ({messageId}, {consumer}, {clock.GetUtcNow()})
                ON CONFLICT DO NOTHING
                """, ct);
            if (first == 0)
            {
                return false;
            }

            await handle();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }
}
