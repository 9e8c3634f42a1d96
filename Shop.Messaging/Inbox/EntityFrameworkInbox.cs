using Microsoft.EntityFrameworkCore;

namespace Shop.Messaging.Inbox;

/// <summary>
/// The inbox in the service's own database: the handler's changes and the inbox row commit in one transaction, so
/// a message is either handled and remembered, or neither. Two concurrent deliveries of one message race on the
/// inbox's key; the loser rolls back and, redelivered, finds the message handled.
/// </summary>
internal sealed class EntityFrameworkInbox<TContext>(TContext db, TimeProvider clock) : IInbox where TContext : DbContext
{
    public async Task<bool> HandleOnceAsync(Guid messageId, string consumer, Func<Task> handle, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var handled = await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, ct);
            if (handled)
            {
                return false;
            }

            await handle();
            db.Set<InboxMessage>().Add(new InboxMessage(messageId, consumer, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }
}
