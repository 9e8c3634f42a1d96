using Microsoft.Extensions.Options;
using Shop.BasketApi.Baskets;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.ServiceDefaults;

namespace Shop.BasketApi.Abandonment;

/// <summary>
/// Finds customers' baskets with items that have not changed for <see cref="BasketSettings.AbandonedAfter"/> and
/// announces each once (BasketAbandoned), for the reminder email. The event is published with confirms before the
/// basket is marked, so a crash in between means a second reminder, never a lost one.
/// </summary>
public sealed class AbandonedBasketDetector(
    BasketStore store,
    IEventPublisher publisher,
    IOptions<BasketSettings> settings,
    TimeProvider clock,
    ILogger<AbandonedBasketDetector> logger) : PeriodicBackgroundService(settings.Value.AbandonmentCheckInterval, clock, logger)
{
    private const int BatchSize = 500;

    /// <summary>A round goes on until nothing is due, in batches; this many at most, so one round always ends.</summary>
    private const int MaxBatchesPerRound = 100;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow() - settings.Value.AbandonedAfter;
        for (var batch = 0; batch < MaxBatchesPerRound; batch++)
        {
            var due = await store.InactiveSinceAsync(cutoff, take: BatchSize);
            await AnnounceAsync(due, cancellationToken);
            if (due.Count < BatchSize)
            {
                return;
            }
        }
    }

    /// <summary>Each basket is announced and marked, or taken out of the index when it is no longer one to remind of.</summary>
    private async Task AnnounceAsync(IReadOnlyList<StackExchange.Redis.RedisKey> due, CancellationToken cancellationToken)
    {
        foreach (var key in due)
        {
            var basket = await store.FindAsync(new BasketAddress(key, TimeSpan.Zero, null, null));
            if (basket is not { CustomerId: { } customerId, Email: { } email, AbandonmentNotifiedAt: null } || basket.Lines.Count == 0)
            {
                // Expired, emptied, already announced, or a guest we cannot write to.
                await store.ForgetActivityAsync(key);
                continue;
            }

            await publisher.PublishAsync(new BasketAbandoned(basket.Id, customerId, email,
                basket.Lines.Select(l => new OrderedItem(l.Sku, l.Quantity)).ToList()), cancellationToken);
            await store.UpdateAsync(store.Customer(customerId, email),
                current => current?.Id == basket.Id && current.UpdatedAt == basket.UpdatedAt ? current.MarkAbandonmentNotified(Clock.GetUtcNow()) : current,
                cancellationToken);
        }
    }
}
