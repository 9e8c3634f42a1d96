using Microsoft.EntityFrameworkCore;

namespace Shop.ServiceDefaults;

/// <summary>
/// PostgreSQL advisory locks on one key (a product, a customer), held until the current transaction ends. Each kind
/// of key has a class of its own, the lock's first number, named by the service that uses it.
/// </summary>
public static class TransactionLocks
{
    public static Task LockUntilCommitAsync(this DbContext db, int lockClass, string key, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockClass}, hashtext({key}))", ct);
}
