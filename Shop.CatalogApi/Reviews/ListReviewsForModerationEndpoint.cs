using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Products.Staff;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Reviews;

public sealed record ListReviewsForModerationRequest : PagedRequest
{
    /// <summary>pending (the default), approved or hidden.</summary>
    [QueryParam]
    public string Status { get; init; } = "pending";
}

/// <summary>A review as moderating staff see it: with its product, its author's name and where it stands.</summary>
public sealed record ModerationReview(
    Guid Id,
    Guid ProductId,
    string ProductName,
    string ProductSlug,
    int Rating,
    string Title,
    string Body,
    string? Author,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ModeratedAt);

public sealed class ListReviewsForModerationValidator : Validator<ListReviewsForModerationRequest>
{
    public ListReviewsForModerationValidator()
    {
        Include(new PagedRequestValidator());
        RuleFor(r => r.Status).Must(status => ListReviewsForModerationEndpoint.States.ContainsKey(status))
            .WithMessage("The status is pending, approved or hidden.");
    }
}

/// <summary>Staff find reviews to moderate: those no one has looked at yet (pending), or those approved or hidden; newest first.</summary>
public sealed class ListReviewsForModerationEndpoint(CatalogDbContext db) : Endpoint<ListReviewsForModerationRequest, PagedResponse<ModerationReview>>
{
    public static readonly IReadOnlyDictionary<string, ModerationState> States =
        Enum.GetValues<ModerationState>().ToDictionary(s => s.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    public override void Configure()
    {
        Get("/api/reviews");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(ListReviewsForModerationRequest request, CancellationToken ct)
    {
        var reviews = db.Reviews.AsNoTracking();
        reviews = States[request.Status] switch
        {
            ModerationState.Pending => reviews.Where(r => r.Status == ReviewStatus.Published && r.ModeratedAt == null),
            ModerationState.Approved => reviews.Where(r => r.Status == ReviewStatus.Published && r.ModeratedAt != null),
            _ => reviews.Where(r => r.Status == ReviewStatus.Rejected),
        };

        var total = await reviews.LongCountAsync(ct);
        var items = await reviews.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip(request.Skip).Take(request.PageSize)
            .Join(db.Products, r => r.ProductId, p => p.Id, (r, p) => new ModerationReview(
                r.Id, p.Id, p.Name, p.Slug, r.Rating, r.Title, r.Body, r.AuthorName, request.Status, r.CreatedAt, r.ModeratedAt))
            .ToListAsync(ct);
        await Send.OkAsync(new PagedResponse<ModerationReview>(items, request.Page, request.PageSize, total), ct);
    }
}
