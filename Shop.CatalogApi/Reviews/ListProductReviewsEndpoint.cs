using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Reviews;

public sealed record ListProductReviewsRequest : PagedRequest
{
    public Guid ProductId { get; init; }
}

public sealed class ListProductReviewsValidator : Validator<ListProductReviewsRequest>
{
    public ListProductReviewsValidator() => Include(new PagedRequestValidator());
}

/// <summary>A product's published reviews, newest first.</summary>
public sealed class ListProductReviewsEndpoint(CatalogDbContext db) : Endpoint<ListProductReviewsRequest, PagedResponse<PublicReview>>
{
    public override void Configure()
    {
        Get("/api/products/{ProductId:guid}/reviews");
        AllowAnonymous();
    }

    public override async Task HandleAsync(ListProductReviewsRequest request, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Id == request.ProductId && p.IsPublished && p.DeletedAt == null, ct))
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var reviews = db.Reviews.AsNoTracking().Where(r => r.ProductId == request.ProductId && r.Status == ReviewStatus.Published);
        var total = await reviews.LongCountAsync(ct);
        var items = await reviews.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip(request.Skip).Take(request.PageSize)
            .Select(r => new PublicReview(r.Id, r.Rating, r.Title, r.Body, r.AuthorName, r.CreatedAt))
            .ToListAsync(ct);
        await Send.OkAsync(new PagedResponse<PublicReview>(items, request.Page, request.PageSize, total), ct);
    }
}
