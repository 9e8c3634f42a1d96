using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Shop.Messaging.Outbox;

/// <summary>
/// Publishes what services wrote to their outbox, oldest first, each with publisher confirms, and marks it
/// published only once RabbitMQ has confirmed it. While the broker is unreachable it keeps trying, backing off, so
/// nothing is lost however long the outage. Replicas share the work: each locks its batch with SKIP LOCKED.
/// Delivery is at least once (a crash between confirm and commit republishes); consumers' inboxes make that once.
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopeFactory,
    IMessagePublisher publisher,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var untilPublished = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = options.Value.MaxRetryDelay,
                OnRetry = retry =>
                {
                    LogPublishFailed(retry.Outcome.Exception, retry.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        while (!stoppingToken.IsCancellationRequested)
        {
            var published = await untilPublished.ExecuteAsync(PublishBatchAsync, stoppingToken);
            if (published == 0)
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
        }
    }

    private async ValueTask<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // Services may use a retrying execution strategy; a transaction must then run as one retriable unit.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => PublishBatchAsync(db, ct), cancellationToken);
    }

    private async Task<int> PublishBatchAsync(TContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.Set<OutboxMessage>()
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE published_at IS NULL
                ORDER BY occurred_at
                LIMIT {options.Value.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        // The whole batch goes out, in order, before waiting for RabbitMQ's confirms, which then arrive together:
        // one wait per batch instead of one per message. If any is refused, none is marked and all go again.
        await Task.WhenAll(batch.Select(message => publisher.PublishAsync(message.ToOutgoing(), cancellationToken)));

        var ids = batch.Select(m => m.Id).ToList();
        var now = clock.GetUtcNow();
        await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.PublishedAt, now)
            .SetProperty(x => x.PublishAttempts, x => x.PublishAttempts + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing from the outbox failed; trying again in {Delay}")]
    private partial void LogPublishFailed(Exception? exception, TimeSpan delay);
}
