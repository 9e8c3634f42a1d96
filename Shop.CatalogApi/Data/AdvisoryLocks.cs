using Microsoft.EntityFrameworkCore;

namespace Shop.CatalogApi.Data;

/// <summary>
/// PostgreSQL advisory locks on one key (a product, a customer), held until the unit of work's transaction ends: the
/// inbox's, for event handlers. Each kind of key has a class of its own, the lock's first number.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>One product's search document is written by one replica at a time.</summary>
    public const int ProductIndexing = 7_203;

    /// <summary>A customer's erasure and deliveries take turns.</summary>
    public const int CustomerErasure = 7_204;

    public static Task LockUntilCommitAsync(this CatalogDbContext db, int lockClass, string key, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockClass}, hashtext({key}))", ct);
}
