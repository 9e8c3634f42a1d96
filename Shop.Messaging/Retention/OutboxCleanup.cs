using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Messaging.Outbox;

namespace Shop.Messaging.Retention;

/// <summary>
/// Deletes published messages once they are older than <see cref="OutboxOptions.Retention"/>. Unpublished ones stay
/// however old they are: they are still to be sent.
/// </summary>
internal sealed class OutboxCleanup<TContext>(
    IServiceScopeFactory scopeFactory,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxCleanup<TContext>> logger) : PeriodicCleanup<TContext>(scopeFactory, clock, logger) where TContext : DbContext
{
    protected override TimeSpan Interval => options.Value.CleanupInterval;

    protected override string What => "published outbox messages";

    protected override Task DeleteExpiredAsync(TContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - options.Value.Retention;
        return db.Set<OutboxMessage>().Where(m => m.PublishedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
