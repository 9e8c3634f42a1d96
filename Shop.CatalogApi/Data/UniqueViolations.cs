using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Shop.CatalogApi.Data;

public static class UniqueViolations
{
    /// <summary>The save broke a unique index: another request wrote the same key between our check and our save.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>Saves, or answers false when a unique index refused the save (a slug taken meanwhile, say).</summary>
    public static async Task<bool> TrySaveUniqueAsync(this CatalogDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return false;
        }
    }
}
