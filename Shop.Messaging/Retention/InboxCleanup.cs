using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Messaging.Inbox;

namespace Shop.Messaging.Retention;

/// <summary>Forgets handled messages once they are older than <see cref="InboxOptions.Retention"/>.</summary>
internal sealed class InboxCleanup<TContext>(
    IServiceScopeFactory scopeFactory,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<InboxCleanup<TContext>> logger) : PeriodicCleanup<TContext>(scopeFactory, clock, logger) where TContext : DbContext
{
    protected override TimeSpan Interval => options.Value.CleanupInterval;

    protected override string What => "inbox entries";

    protected override Task DeleteExpiredAsync(TContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - options.Value.Retention;
        return db.Set<InboxMessage>().Where(m => m.HandledAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
