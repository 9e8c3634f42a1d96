using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Stock;

public sealed record StockLine(string Sku, int Quantity);

/// <summary>A SKU a reservation could not get enough of, and how many were left.</summary>
public sealed record Shortage(string Sku, int Available);

/// <summary>
/// Reserves, releases and commits stock for orders. A reservation takes all its lines or none: each line is one
/// conditional UPDATE (on hand − reserved ≥ quantity) in one transaction, so no interleaving of concurrent
/// checkouts can oversell, and a CHECK constraint backs the rule in the database. The same reservation id twice is
/// one reservation.
/// </summary>
public sealed class StockLedger(CatalogDbContext db, TimeProvider clock)
{
    /// <summary>Empty when every line is reserved; otherwise the shortages, and nothing was reserved.</summary>
    public async Task<IReadOnlyList<Shortage>> ReserveAsync(Guid reservationId, IReadOnlyList<StockLine> lines, CancellationToken ct)
    {
        if (await TryReserveAsync(reservationId, lines, ct) is { } shortages)
        {
            return shortages;
        }

        // This reservation id exists already. Held or committed, that one stands (a retried call, or two at once).
        // Released, it holds nothing: a checkout that released it and then retried the same order must hold the
        // stock again, or the order would go through with none held.
        var releasedOnly = await db.StockReservations.Where(r => r.ReservationId == reservationId)
            .AllAsync(r => r.Status == ReservationStatus.Released, ct);
        if (!releasedOnly)
        {
            return [];
        }

        await db.StockReservations.Where(r => r.ReservationId == reservationId && r.Status == ReservationStatus.Released)
            .ExecuteDeleteAsync(ct);
        return await TryReserveAsync(reservationId, lines, ct) ?? [];
    }

    /// <summary>Holds the lines; null when a reservation with this id exists already (nothing was changed).</summary>
    private async Task<IReadOnlyList<Shortage>?> TryReserveAsync(Guid reservationId, IReadOnlyList<StockLine> lines, CancellationToken ct)
    {
        // One line per SKU, in a fixed order so concurrent reservations lock rows in the same order (no deadlocks).
        var wanted = lines.GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity)))
            .OrderBy(l => l.Sku, StringComparer.Ordinal)
            .ToList();

        // The transaction is all or nothing, so SaveChanges needs no savepoint of its own (two round trips fewer).
        db.Database.AutoSavepointsEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // The reservation's own rows go first: a repeated reservation collides on its insert before it touches
                // any stock, and the SKU rows, which every checkout of a popular variant queues for, stay locked only
                // from their UPDATE to the commit (one round trip) instead of also through these inserts.
                var now = clock.GetUtcNow();
                foreach (var line in wanted)
                {
                    db.StockReservations.Add(new StockReservation(reservationId, line.Sku, line.Quantity, now));
                    db.StockMovements.Add(new StockMovement(Guid.CreateVersion7(), line.Sku, 0, line.Quantity, $"reserved for order {reservationId}", "checkout", now));
                }

                await db.SaveChangesAsync(ct);
                var shortSkus = new List<string>();
                var changed = new List<ChangedSku>();
                foreach (var line in wanted)
                {
                    var reserved = await db.Database.SqlQuery<ChangedSku>($"""
                        UPDATE "Skus" SET "Reserved" = "Reserved" + {line.Quantity}
                        WHERE "Code" = {line.Sku} AND "OnHand" - "Reserved" >= {line.Quantity}
                        RETURNING "Code", "ProductId", "OnHand" - "Reserved" AS "Available"
                        """).ToListAsync(ct);
                    if (reserved.Count == 0)
                    {
                        shortSkus.Add(line.Sku);
                    }

                    changed.AddRange(reserved);
                }

                if (shortSkus.Count > 0)
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    if (await db.StockReservations.AnyAsync(r => r.ReservationId == reservationId && r.Status != ReservationStatus.Released, ct))
                    {
                        // Reserved before (a retried call): that reservation stands.
                        return (IReadOnlyList<Shortage>?)[];
                    }

                    var available = await db.Skus.AsNoTracking().Where(s => shortSkus.Contains(s.Code))
                        .ToDictionaryAsync(s => s.Code, s => s.OnHand - s.Reserved, ct);
                    return shortSkus.Select(sku => new Shortage(sku, available.GetValueOrDefault(sku))).ToList();
                }

                AnnounceStockChange(changed, wanted.ToDictionary(l => l.Sku, l => -l.Quantity));
                if (db.ChangeTracker.HasChanges())
                {
                    // A variant sold out: its announcement joins the outbox in this transaction.
                    await db.SaveChangesAsync(ct);
                }

                await transaction.CommitAsync(ct);
                return [];
            });
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // This reservation exists already: its insert collided before any stock was touched. Checking first would
            // cost every checkout a round trip.
            return null;
        }
    }

    /// <summary>Puts a held reservation's units back on sale (order cancelled or unpaid). Settled ones are left alone.</summary>
    public Task ReleaseAsync(Guid reservationId, string reason, CancellationToken ct) =>
        SettleAsync(reservationId, ReservationStatus.Released, onHandChange: 0, reason, ct);

    /// <summary>The order was paid: its units leave the stock for good.</summary>
    public Task CommitAsync(Guid reservationId, CancellationToken ct) =>
        SettleAsync(reservationId, ReservationStatus.Committed, onHandChange: -1, $"sold in order {reservationId}", ct);

    private async Task SettleAsync(Guid reservationId, ReservationStatus outcome, int onHandChange, string reason, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Called by an event handler inside the inbox's transaction: settle as part of it.
            await SettleHeldAsync(reservationId, outcome, onHandChange, reason, ct);
            return;
        }

        // All or nothing (a failure rolls back and the strategy starts again), so SaveChanges needs no savepoints.
        db.Database.AutoSavepointsEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await SettleHeldAsync(reservationId, outcome, onHandChange, reason, ct);
            await transaction.CommitAsync(ct);
        });
    }

    private async Task SettleHeldAsync(Guid reservationId, ReservationStatus outcome, int onHandChange, string reason, CancellationToken ct)
    {
        var held = await db.StockReservations
            .FromSql($"""SELECT * FROM "StockReservations" WHERE "ReservationId" = {reservationId} AND "Status" = 'Held' FOR UPDATE""")
            .ToListAsync(ct);

        var now = clock.GetUtcNow();
        foreach (var reservation in held)
        {
            reservation.Settle(outcome, now);
            db.StockMovements.Add(new StockMovement(Guid.CreateVersion7(), reservation.Sku, onHandChange * reservation.Quantity,
                -reservation.Quantity, reason, "orders", now));
        }

        // The reservation's own rows first, then the SKU rows: those are what concurrent checkouts and settlements of a
        // popular variant queue for, so they stay locked only from their UPDATE to the commit.
        await db.SaveChangesAsync(ct);
        var changed = new List<ChangedSku>();
        foreach (var reservation in held.OrderBy(r => r.Sku, StringComparer.Ordinal))
        {
            var quantity = reservation.Quantity;
            changed.AddRange(await db.Database.SqlQuery<ChangedSku>($"""
                UPDATE "Skus" SET "Reserved" = "Reserved" - {quantity}, "OnHand" = "OnHand" + {onHandChange * quantity}
                WHERE "Code" = {reservation.Sku}
                RETURNING "Code", "ProductId", "OnHand" - "Reserved" AS "Available"
                """).ToListAsync(ct));
        }

        // Releasing puts units back on sale. Committing takes units that were already reserved, so what is available
        // stays as it was: nothing shown anywhere changes, and no cache needs to go.
        if (outcome == ReservationStatus.Released)
        {
            AnnounceStockChange(changed, held.ToDictionary(r => r.Sku, r => r.Quantity));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Availability shows on product pages, so their cached copies go with every change. Search and listings only
    /// tell whether a product can be bought, so <c>ProductChanged</c> goes out only when a variant sells out or comes
    /// back: most checkouts then leave the search index alone. The counts are the changed rows' own, as their
    /// UPDATE returned them (the rows stay locked until this transaction ends).
    /// </summary>
    private void AnnounceStockChange(IReadOnlyList<ChangedSku> changed, IReadOnlyDictionary<string, int> availableChanges)
    {
        foreach (var product in changed.GroupBy(v => v.ProductId))
        {
            if (product.Any(v => Sku.SellsOutOrComesBack(v.Available - availableChanges[v.Code], v.Available)))
            {
                db.AnnounceProductChanged(product.Key);
            }
            else
            {
                db.ForgetCachedProducts([product.Key]);
            }
        }
    }

    /// <summary>A SKU row as its UPDATE left it.</summary>
    internal sealed record ChangedSku(string Code, Guid ProductId, int Available);
}
