using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Stock;

public sealed record StockLine(string Sku, int Quantity);

/// <summary>A SKU a reservation could not get enough of, and how many were left.</summary>
public sealed record Shortage(string Sku, int Available);

/// <summary>What became of a reservation: held and priced, or refused with nothing held.</summary>
public abstract record ReservationOutcome
{
    /// <summary>Every line is held; each SKU as the catalog sells it at this moment.</summary>
    public sealed record Reserved(IReadOnlyList<ReservedSku> Skus) : ReservationOutcome;

    /// <summary>Some SKUs are unpublished, deleted or unknown.</summary>
    public sealed record NotOnSale(IReadOnlyList<string> Skus) : ReservationOutcome;

    /// <summary>Some SKUs have too few units left.</summary>
    public sealed record Short(IReadOnlyList<Shortage> Shortages) : ReservationOutcome;
}

/// <summary>
/// Reserves, releases and commits stock for orders. A reservation takes all its lines or none: each line is one
/// conditional UPDATE (on sale, and on hand − reserved ≥ quantity) in one transaction, so no interleaving of
/// concurrent checkouts can oversell, and a CHECK constraint backs the rule in the database. The same reservation id
/// twice is one reservation.
/// </summary>
public sealed class StockLedger(CatalogDbContext db, TimeProvider clock)
{
    public async Task<ReservationOutcome> ReserveAsync(Guid reservationId, IReadOnlyList<StockLine> lines, CancellationToken ct)
    {
        if (await TryReserveAsync(reservationId, lines, ct) is { } outcome)
        {
            return outcome;
        }

        // This reservation id exists already. Held or committed, that one stands (a retried call, or two at once).
        // Released, it holds nothing: a checkout that released it and then retried the same order must hold the
        // stock again, or the order would go through with none held.
        var releasedOnly = await db.StockReservations.Where(r => r.ReservationId == reservationId)
            .AllAsync(r => r.Status == ReservationStatus.Released, ct);
        if (!releasedOnly)
        {
            return await PricedAsync(lines, ct);
        }

        await db.StockReservations.Where(r => r.ReservationId == reservationId && r.Status == ReservationStatus.Released)
            .ExecuteDeleteAsync(ct);
        return await TryReserveAsync(reservationId, lines, ct) ?? await PricedAsync(lines, ct);
    }

    /// <summary>Holds the lines; null when a reservation with this id exists already (nothing was changed).</summary>
    private async Task<ReservationOutcome?> TryReserveAsync(Guid reservationId, IReadOnlyList<StockLine> lines, CancellationToken ct)
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
                var now = clock.GetUtcNow();
                var reason = $"reserved for order {reservationId}";
                var reserved = new List<ReservedLine>();
                foreach (var line in wanted)
                {
                    // One statement per line takes the units, records the reservation and its movement: the SKU row is
                    // locked from here to the commit, one round trip, as popular variants' checkouts queue for it. A
                    // repeated reservation collides on its insert, and the statement's change to the stock goes with it.
                    var row = await RunPreparedAsync(ReserveLineSql, ReservedLine.Read, ct,
                        line.Quantity, line.Sku, reservationId, now, Guid.CreateVersion7(), reason);
                    if (row.Count == 0)
                    {
                        await transaction.RollbackAsync(ct);
                        db.ChangeTracker.Clear();
                        return await WhyRefusedAsync(reservationId, wanted, line, ct);
                    }

                    reserved.AddRange(row);
                }

                AnnounceStockChange(reserved.Select(r => new ChangedSku(r.Code, r.ProductId, r.Available)).ToList(),
                    wanted.ToDictionary(l => l.Sku, l => -l.Quantity));
                if (db.ChangeTracker.HasChanges())
                {
                    // A variant sold out: its announcement joins the outbox in this transaction.
                    await db.SaveChangesAsync(ct);
                }

                await transaction.CommitAsync(ct);
                return new ReservationOutcome.Reserved(reserved.Select(r => r.AsSold()).ToList());
            });
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // This reservation exists already: its insert collided, and the statement's change to the stock went with it.
            // Checking first would cost every checkout a round trip.
            return null;
        }
    }

    /// <summary>A line was not taken and nothing is held: not on sale, short, or reserved before by a retried call.</summary>
    private async Task<ReservationOutcome> WhyRefusedAsync(Guid reservationId, IReadOnlyList<StockLine> wanted, StockLine notTaken, CancellationToken ct)
    {
        var priced = await PricedAsync(wanted, ct);
        if (priced is not ReservationOutcome.Reserved)
        {
            return priced;
        }

        if (await db.StockReservations.AnyAsync(r => r.ReservationId == reservationId && r.Status != ReservationStatus.Released, ct))
        {
            // Reserved before (a retried call): that reservation stands.
            return priced;
        }

        var codes = wanted.Select(l => l.Sku).ToList();
        var available = await db.Skus.AsNoTracking().Where(s => codes.Contains(s.Code))
            .ToDictionaryAsync(s => s.Code, s => s.OnHand - s.Reserved, ct);
        return new ReservationOutcome.Short(wanted
            .Where(l => l == notTaken || available.GetValueOrDefault(l.Sku) < l.Quantity)
            .Select(l => new Shortage(l.Sku, available.GetValueOrDefault(l.Sku)))
            .ToList());
    }

    /// <summary>The SKUs as sold now, for a reservation that already holds them; or which are not on sale.</summary>
    private async Task<ReservationOutcome> PricedAsync(IReadOnlyList<StockLine> lines, CancellationToken ct)
    {
        var codes = lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).ToList();
        var onSale = await db.Skus.AsNoTracking()
            .Where(s => codes.Contains(s.Code))
            .Join(db.Products.Where(p => p.IsPublished && p.DeletedAt == null), s => s.ProductId, p => p.Id,
                (s, p) => new ReservedSku(s.Code, p.Name, s.Price.Amount, s.Price.Currency, s.WeightGrams))
            .ToListAsync(ct);
        var notOnSale = codes.Except(onSale.Select(s => s.Sku), StringComparer.Ordinal).ToList();
        return notOnSale.Count > 0 ? new ReservationOutcome.NotOnSale(notOnSale) : new ReservationOutcome.Reserved(onSale);
    }

    /// <summary>Puts a held reservation's units back on sale (a checkout that failed, or an unfinished one). Settled ones are left alone.</summary>
    public Task ReleaseAsync(Guid reservationId, string reason, CancellationToken ct) =>
        SettleAsync(reservationId, [Settlement.Release], reason, ct);

    /// <summary>The order was paid: its units leave the stock for good.</summary>
    public Task CommitAsync(Guid reservationId, CancellationToken ct) =>
        SettleAsync(reservationId, [Settlement.Sale], $"sold in order {reservationId}", ct);

    /// <summary>
    /// The order was cancelled. Units that never left go back on sale, whether or not its payment was settled here
    /// yet; units that left with a shipment stay sold (they come back, if ever, as a return staff count in). Either
    /// way a later <c>OrderPaid</c> finds nothing held, so the outcome is the same in whichever order the two arrive.
    /// </summary>
    public Task CancelAsync(Guid reservationId, bool shipped, string reason, CancellationToken ct) =>
        SettleAsync(reservationId, shipped ? [Settlement.Sale] : [Settlement.Release, Settlement.Restock], reason, ct);

    private async Task SettleAsync(Guid reservationId, IReadOnlyList<Settlement> settlements, string reason, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Called by an event handler inside the inbox's transaction: settle as part of it.
            await SettleRowsAsync(reservationId, settlements, reason, ct);
            return;
        }

        // All or nothing (a failure rolls back and the strategy starts again), so SaveChanges needs no savepoints.
        db.Database.AutoSavepointsEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await SettleRowsAsync(reservationId, settlements, reason, ct);
            await transaction.CommitAsync(ct);
        });
    }

    private async Task SettleRowsAsync(Guid reservationId, IReadOnlyList<Settlement> settlements, string reason, CancellationToken ct)
    {
        foreach (var settlement in settlements)
        {
            // One statement settles the rows, records a movement for each and updates their SKUs (a read and three
            // writes before, each a round trip). A second settlement of the same order waits on the reservation rows,
            // then finds none in the state it settles and changes nothing. The SKU rows, which checkouts and
            // settlements of a popular variant queue for, are locked in code order, as reservations lock them (no
            // deadlock), and only until the commit.
            var settled = await RunPreparedAsync(SettleSql, SettledSku.Read, ct, settlement.To.ToString(), clock.GetUtcNow(), reservationId,
                settlement.OnHandPerUnit, reason, settlement.From.ToString(), settlement.ReservedPerUnit);

            // A sale takes units that were already reserved, so what is available stays as it was: nothing shown
            // anywhere changes, and no cache needs to go. The others put units back on sale.
            if (settlement.AvailablePerUnit != 0 && settled.Count > 0)
            {
                AnnounceStockChange(settled.Select(r => new ChangedSku(r.Code, r.ProductId, r.Available)).ToList(),
                    settled.ToDictionary(r => r.Code, r => r.Quantity * settlement.AvailablePerUnit));
                await db.SaveChangesAsync(ct);
            }
        }
    }

    /// <summary>What settling a reservation's rows in one state does: their new state, and each unit's change to the SKU.</summary>
    private sealed record Settlement(ReservationStatus From, ReservationStatus To, int OnHandPerUnit, int ReservedPerUnit)
    {
        /// <summary>Held units go back on sale.</summary>
        public static readonly Settlement Release = new(ReservationStatus.Held, ReservationStatus.Released, 0, -1);

        /// <summary>Held units are sold: they leave the stock.</summary>
        public static readonly Settlement Sale = new(ReservationStatus.Held, ReservationStatus.Committed, -1, -1);

        /// <summary>Sold units that never left are stock again.</summary>
        public static readonly Settlement Restock = new(ReservationStatus.Committed, ReservationStatus.Restocked, 1, 0);

        public int AvailablePerUnit => OnHandPerUnit - ReservedPerUnit;
    }

    /// <summary>
    /// Takes a line's units, records the reservation and its movement ($1 quantity, $2 SKU, $3 reservation id, $4 time,
    /// $5 movement id, $6 reason). Whether the SKU is on sale and what it costs are read by the UPDATE that takes the
    /// units, so the order is priced as of this moment.
    /// </summary>
    private const string ReserveLineSql = """
        WITH taken AS (
            UPDATE "Skus" AS s SET "Reserved" = s."Reserved" + $1
            FROM "Products" AS p
            WHERE s."Code" = $2 AND s."OnHand" - s."Reserved" >= $1
              AND p."Id" = s."ProductId" AND p."IsPublished" AND p."DeletedAt" IS NULL
            RETURNING s."Code", s."ProductId", s."OnHand" - s."Reserved" AS "Available",
              p."Name", s."PriceAmount", s."PriceCurrency", s."WeightGrams"
        ), held AS (
            INSERT INTO "StockReservations" ("ReservationId", "Sku", "Quantity", "Status", "CreatedAt")
            SELECT $3, "Code", $1, 'Held', $4 FROM taken
        ), moved AS (
            INSERT INTO "StockMovements" ("Id", "Sku", "OnHandChange", "ReservedChange", "Reason", "Actor", "At")
            SELECT $5, "Code", 0, $1, $6, 'checkout', $4 FROM taken
        )
        SELECT "Code", "ProductId", "Available", "Name", "PriceAmount", "PriceCurrency", "WeightGrams" FROM taken
        """;

    /// <summary>
    /// Settles a reservation's rows in one state, records a movement for each and updates their SKUs, locked in code
    /// order ($1 new state, $2 time, $3 reservation id, $4 change to on hand per unit, $5 reason, $6 state settled,
    /// $7 change to reserved per unit).
    /// </summary>
    private const string SettleSql = """
        WITH settled AS (
            UPDATE "StockReservations" SET "Status" = $1, "SettledAt" = $2
            WHERE "ReservationId" = $3 AND "Status" = $6
            RETURNING "Sku", "Quantity"
        ), moved AS (
            INSERT INTO "StockMovements" ("Id", "Sku", "OnHandChange", "ReservedChange", "Reason", "Actor", "At")
            SELECT catalog_uuid_v7(), "Sku", $4 * "Quantity", $7 * "Quantity", $5, 'orders', $2 FROM settled
        ), locked AS MATERIALIZED (
            SELECT s."Code", h."Quantity" FROM "Skus" AS s JOIN settled AS h ON h."Sku" = s."Code"
            ORDER BY s."Code" COLLATE "C" FOR NO KEY UPDATE OF s
        )
        UPDATE "Skus" AS s SET "Reserved" = s."Reserved" + $7 * l."Quantity", "OnHand" = s."OnHand" + $4 * l."Quantity"
        FROM locked AS l
        WHERE s."Code" = l."Code"
        RETURNING s."Code", s."ProductId", s."OnHand" - s."Reserved", l."Quantity"
        """;

    /// <summary>
    /// Runs one of the ledger's statements in the unit of work's transaction, prepared and with its one plan: every
    /// order runs the same two, each finding its rows by key, so PostgreSQL parses and plans each once per pooled
    /// connection instead of on every call. (The catalog's connections plan every statement for its parameters, as
    /// its listings need: planning this one each time cost 0.2 ms, using its kept plan 0.01.)
    /// </summary>
    private async Task<List<T>> RunPreparedAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params object[] values)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(KeptPlan.ForThisTransaction());
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
        // Once per connection: statements already prepared on it are found by their text, without a round trip.
        await batch.PrepareAsync(ct);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        // The setting's own row first.
        await reader.NextResultAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
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

    /// <summary>A SKU row as the reservation's UPDATE left it, with what it sells for.</summary>
    internal sealed record ReservedLine(string Code, Guid ProductId, int Available, string Name, long PriceAmount, string PriceCurrency, int WeightGrams)
    {
        public static ReservedLine Read(NpgsqlDataReader row) =>
            new(row.GetString(0), row.GetGuid(1), row.GetInt32(2), row.GetString(3), row.GetInt64(4), row.GetString(5), row.GetInt32(6));

        public ReservedSku AsSold() => new(Code, Name, PriceAmount, PriceCurrency, WeightGrams);
    }

    /// <summary>A SKU row as its settling UPDATE left it, with the units the reservation held of it.</summary>
    internal sealed record SettledSku(string Code, Guid ProductId, int Available, int Quantity)
    {
        public static SettledSku Read(NpgsqlDataReader row) => new(row.GetString(0), row.GetGuid(1), row.GetInt32(2), row.GetInt32(3));
    }

    /// <summary>A SKU row as its UPDATE left it.</summary>
    internal sealed record ChangedSku(string Code, Guid ProductId, int Available);
}
