using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Reviews;

public sealed record MyReviewsResponse(IReadOnlyList<ReviewDetail> Items);

/// <summary>Every review the caller wrote, whatever its status, newest first (also read by the personal-data export).</summary>
public sealed class ListMyReviewsEndpoint(CatalogDbContext db) : EndpointWithoutRequest<MyReviewsResponse>
{
    public override void Configure()
    {
        Get("/api/reviews/mine");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var customerId = User.SubjectId();
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.AuthorId == customerId)
            .OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        await Send.OkAsync(new MyReviewsResponse(reviews.Select(ReviewDetail.From).ToList()), ct);
    }
}
