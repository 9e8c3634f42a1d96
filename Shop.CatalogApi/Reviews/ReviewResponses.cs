using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Reviews;

/// <summary>A review as shoppers see it; the author is null once they erased their account.</summary>
public sealed record PublicReview(Guid Id, int Rating, string Title, string Body, string? Author, DateTimeOffset CreatedAt);

/// <summary>A review as its author (and staff) see it, with its moderation status.</summary>
public sealed record ReviewDetail(Guid Id, Guid ProductId, int Rating, string Title, string Body, string Status, DateTimeOffset CreatedAt)
{
    public static ReviewDetail From(Review review) => new(review.Id, review.ProductId, review.Rating, review.Title, review.Body,
        StatusName(review.Status), review.CreatedAt);

    public static string StatusName(ReviewStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>A product's average rating (null without reviews) over its published reviews.</summary>
public sealed record RatingSummary(double? Average, int Count)
{
    public static RatingSummary Of(int count, long sum) => new(count == 0 ? null : Math.Round((double)sum / count, 2), count);
}
