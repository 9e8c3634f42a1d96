using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Shop.Messaging.Inbox;

/// <summary>
/// Deletes the inbox's rows once they are older than the retention, every cleanup interval. Replicas of a service may
/// each do it: deleting what another replica deleted already matches nothing.
/// </summary>
internal sealed partial class InboxCleanup<TContext>(
    IServiceScopeFactory scopeFactory,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<InboxCleanup<TContext>> logger) : BackgroundService where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.CleanupInterval, clock, stoppingToken);
            try
            {
                await DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The database is away for the moment: the next round deletes what this one left.
                LogCleanupFailed(failure);
            }
        }
    }

    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var before = clock.GetUtcNow() - options.Value.Retention;
        await db.Set<InboxMessage>().Where(m => m.HandledAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old inbox entries failed; trying again at the next interval")]
    private partial void LogCleanupFailed(Exception exception);
}
