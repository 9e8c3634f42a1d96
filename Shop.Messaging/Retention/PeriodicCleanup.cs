using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shop.Messaging.Retention;

/// <summary>
/// Deletes rows past their retention from the service's database once every interval, on its own loop, so a long
/// delete never holds up the work the rows came from. Replicas of a service may each do it: deleting what another
/// replica deleted already matches nothing.
/// </summary>
internal abstract partial class PeriodicCleanup<TContext>(IServiceScopeFactory scopeFactory, TimeProvider clock, ILogger logger)
    : BackgroundService where TContext : DbContext
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the rows are, for the log when a round fails.</summary>
    protected abstract string What { get; }

    protected abstract Task DeleteExpiredAsync(TContext db, DateTimeOffset now, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, clock, stoppingToken);
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await DeleteExpiredAsync(scope.ServiceProvider.GetRequiredService<TContext>(), clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The database is away for the moment: the next round deletes what this one left.
                LogCleanupFailed(failure, What);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old {What} failed; trying again at the next interval")]
    private partial void LogCleanupFailed(Exception exception, string what);
}
