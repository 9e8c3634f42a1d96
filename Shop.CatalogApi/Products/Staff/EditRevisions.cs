using System.Linq.Expressions;
using Shop.CatalogApi.Data;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Products.Staff;

/// <summary>
/// Staff edits made from a revision (a product's or a variant's). The revision column is a concurrency token: given
/// the revision the editor read, the row is written only if it still has that one, so an edit from a page opened
/// before another save and an edit racing another are refused by the same check, as the row is written.
/// </summary>
public static class EditRevisions
{
    public static void CheckAgainst<TEntity>(this CatalogDbContext db, TEntity entity, Expression<Func<TEntity, int>> revision, int? basedOn)
        where TEntity : class
    {
        if (basedOn is { } read)
        {
            db.Entry(entity).Property(revision).OriginalValue = read;
        }
    }

    /// <summary>The answer to a refused edit (a <c>DbUpdateConcurrencyException</c> on save).</summary>
    public static Task SendEditedMeanwhileAsync(this HttpContext http, string what, CancellationToken ct) =>
        http.SendProblemAsync(StatusCodes.Status409Conflict, "edited-meanwhile",
            $"Someone else saved this {what} since you opened it. Load it again to see their changes, then make yours.", ct);
}
