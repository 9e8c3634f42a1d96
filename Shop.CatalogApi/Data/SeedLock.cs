using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Shop.CatalogApi.Data;

/// <summary>
/// Replicas start together: whatever seeds the catalog does so in a transaction holding one advisory lock, so one
/// replica seeds while the others wait for it, then find the data there.
/// </summary>
public static class SeedLock
{
    /// <summary>Any number that no other advisory lock on this database uses.</summary>
    private const long Key = 0x5EED_CA7A;

    /// <summary>A transaction holding the seed lock until it ends.</summary>
    public static async Task<IDbContextTransaction> TakeAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken);
        return transaction;
    }

    /// <summary>
    /// Runs a seed step once per database (<see cref="SeedStep"/>): <paramref name="seed"/> adds its changes, which
    /// are saved with the step's record and committed together. Returns whether it ran.
    /// </summary>
    public static async Task<bool> RunStepOnceAsync(CatalogDbContext db, string step, TimeProvider clock,
        Func<CancellationToken, Task> seed, CancellationToken cancellationToken)
    {
        await using var transaction = await TakeAsync(db, cancellationToken);
        if (await db.SeedSteps.AnyAsync(s => s.Name == step, cancellationToken))
        {
            return false;
        }

        await seed(cancellationToken);
        db.SeedSteps.Add(new SeedStep(step, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
