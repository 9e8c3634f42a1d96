using Microsoft.Extensions.Options;
using Shop.BasketApi.Baskets;
using Shop.Messaging;
using Shop.Messaging.Contracts;

namespace Shop.BasketApi.Abandonment;

/// <summary>
/// Finds customers' baskets with items that have not changed for <see cref="BasketSettings.AbandonedAfter"/> and
/// announces each once (BasketAbandoned), for the reminder email. The event is published with confirms before the
/// basket is marked, so a crash in between means a second reminder, never a lost one.
/// </summary>
public sealed partial class AbandonedBasketDetector(
    BasketStore store,
    IEventPublisher publisher,
    IOptions<BasketSettings> settings,
    TimeProvider clock,
    ILogger<AbandonedBasketDetector> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.AbandonmentCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await AnnounceAbandonedAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogCheckFailed(exception);
            }
        }
    }

    private async Task AnnounceAbandonedAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - settings.Value.AbandonedAfter;
        foreach (var key in await store.InactiveSinceAsync(cutoff, take: 500))
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
                current => current?.Id == basket.Id && current.UpdatedAt == basket.UpdatedAt ? current.MarkAbandonmentNotified(clock.GetUtcNow()) : current,
                cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for abandoned baskets failed; trying again at the next tick")]
    private partial void LogCheckFailed(Exception exception);
}
