using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Reviews;

/// <summary>
/// Keeps a product's rating count and sum in step with its published reviews, in the caller's transaction. One
/// atomic UPDATE, so concurrent reviews of one product never lose a count.
/// </summary>
public static class ProductRatings
{
    public static async Task AdjustAsync(CatalogDbContext db, Guid productId, int countChange, long sumChange, CancellationToken ct)
    {
        await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(set => set
            .SetProperty(p => p.RatingCount, p => p.RatingCount + countChange)
            .SetProperty(p => p.RatingSum, p => p.RatingSum + sumChange), ct);
        db.AnnounceProductChanged(productId);
    }
}
