using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Shop.CatalogApi.Data;

public static class UniqueViolations
{
    /// <summary>The save broke a unique index: another request wrote the same key between our check and our save.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>Saves, or answers false when a unique index refused the save (a slug taken meanwhile, say).</summary>
    public static async Task<bool> TrySaveUniqueAsync(this CatalogDbContext db, CancellationToken ct) =>
        await db.SaveOrFindUniqueViolationAsync(ct) is null;

    /// <summary>
    /// Saves and answers null; or, when a unique index refused the save, answers that index's name, so the caller can
    /// say which field was taken meanwhile.
    /// </summary>
    public static Task<string?> SaveOrFindUniqueViolationAsync(this CatalogDbContext db, CancellationToken ct) =>
        SaveOrFindViolationAsync(db, ct, PostgresErrorCodes.UniqueViolation);

    /// <summary>
    /// As <see cref="SaveOrFindUniqueViolationAsync"/>, and a foreign key's refusal too (a row it points at deleted
    /// between the check and the save): the constraint's name.
    /// </summary>
    public static Task<string?> SaveOrFindKeyViolationAsync(this CatalogDbContext db, CancellationToken ct) =>
        SaveOrFindViolationAsync(db, ct, PostgresErrorCodes.UniqueViolation, PostgresErrorCodes.ForeignKeyViolation);

    private static async Task<string?> SaveOrFindViolationAsync(CatalogDbContext db, CancellationToken ct, params string[] sqlStates)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException refused && sqlStates.Contains(refused.SqlState))
        {
            return refused.ConstraintName ?? "";
        }
    }
}
