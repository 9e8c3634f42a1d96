using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Reviews;

public sealed record ModerateReviewRequest
{
    public Guid Id { get; init; }
}

/// <summary>
/// Moves a review to a moderation status and the product's rating with it, in one transaction. The status change
/// is conditional, so two staff hiding the same review at once change the rating once.
/// </summary>
public static class ReviewModeration
{
    public static async Task<Review?> MoveAsync(CatalogDbContext db, Guid reviewId, ReviewStatus to, TimeProvider clock, CancellationToken ct) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var moved = await db.Reviews.Where(r => r.Id == reviewId && r.Status != to)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, to).SetProperty(r => r.ModeratedAt, now), ct);
            if (moved == 0)
            {
                // Approving a pending review leaves it published, and records that staff have seen it.
                await db.Reviews.Where(r => r.Id == reviewId && r.ModeratedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.ModeratedAt, now), ct);
            }

            var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, ct);
            if (moved == 1 && review is not null)
            {
                var sign = to == ReviewStatus.Published ? 1 : -1;
                await ProductRatings.AdjustAsync(db, review.ProductId, sign, sign * review.Rating, ct);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return review;
        });
}

/// <summary>Staff approve a pending review, or publish again one they had hidden.</summary>
public sealed class ApproveReviewEndpoint(CatalogDbContext db, TimeProvider clock) : Endpoint<ModerateReviewRequest, ReviewDetail>
{
    public override void Configure()
    {
        Post("/api/reviews/{Id:guid}/approve");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(ModerateReviewRequest request, CancellationToken ct)
    {
        var review = await ReviewModeration.MoveAsync(db, request.Id, ReviewStatus.Published, clock, ct);
        await (review is null ? Send.NotFoundAsync(ct) : Send.OkAsync(ReviewDetail.From(review), ct));
    }
}

/// <summary>Staff hide a review: it is no longer shown nor counted in the rating.</summary>
public sealed class RejectReviewEndpoint(CatalogDbContext db, TimeProvider clock) : Endpoint<ModerateReviewRequest, ReviewDetail>
{
    public override void Configure()
    {
        Post("/api/reviews/{Id:guid}/reject");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(ModerateReviewRequest request, CancellationToken ct)
    {
        var review = await ReviewModeration.MoveAsync(db, request.Id, ReviewStatus.Rejected, clock, ct);
        await (review is null ? Send.NotFoundAsync(ct) : Send.OkAsync(ReviewDetail.From(review), ct));
    }
}
