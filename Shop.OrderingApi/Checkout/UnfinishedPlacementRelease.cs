using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Payments;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Checkout;

/// <summary>
/// Releases the stock of placements that never saved their order (<see cref="PendingPlacement"/>) once they are older
/// than <see cref="PaymentSettings.PlacementTimeout"/>, by order id through the catalog's release. Each one is locked
/// while its stock is released and removed in the same transaction, so a placement still finishing either saves its
/// order first (and there is nothing to release) or finds its record gone and fails instead of keeping an order
/// without stock. A release the catalog does not answer leaves the record for the next round.
/// </summary>
public sealed partial class UnfinishedPlacementRelease(
    IServiceScopeFactory scopeFactory,
    IOptions<PaymentSettings> settings,
    TimeProvider clock,
    ILogger<UnfinishedPlacementRelease> logger) : PeriodicBackgroundService(settings.Value.ExpiryCheckInterval, clock, logger)
{
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        var stock = scope.ServiceProvider.GetRequiredService<CatalogStockClient>();
        var startedBefore = Clock.GetUtcNow() - settings.Value.PlacementTimeout;

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var unfinished = await db.PendingPlacements
                .FromSql($"""
                    SELECT * FROM "PendingPlacements" WHERE "StartedAt" < {startedBefore}
                    ORDER BY "StartedAt" LIMIT 50 FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
            if (unfinished.Count == 0)
            {
                return;
            }

            foreach (var placement in unfinished)
            {
                await stock.ReleaseAsync(placement.OrderId, cancellationToken);
                LogReleased(placement.OrderId, placement.StartedAt);
            }

            db.PendingPlacements.RemoveRange(unfinished);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released the stock of order {OrderId}, whose placing started at {StartedAt} and never finished")]
    private partial void LogReleased(Guid orderId, DateTimeOffset startedAt);
}
