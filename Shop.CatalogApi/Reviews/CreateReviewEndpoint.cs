using System.Globalization;
using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Reviews;

public sealed record CreateReviewRequest
{
    public Guid ProductId { get; init; }
    public int Rating { get; init; }
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
}

public sealed class CreateReviewValidator : Validator<CreateReviewRequest>
{
    public CreateReviewValidator()
    {
        RuleFor(r => r.Rating).InclusiveBetween(1, 5);
        RuleFor(r => r.Title).NotEmpty().MaximumLength(Review.MaxTitleLength)
            .Must(HasVisibleText).WithMessage("The title has nothing to read: only spaces or invisible characters.");
        RuleFor(r => r.Body).NotEmpty().MaximumLength(Review.MaxBodyLength)
            .Must(HasVisibleText).WithMessage("The review has nothing to read: only spaces or invisible characters.");
    }

    /// <summary>Something shows: a zero-width space or a direction mark alone would publish an empty review.</summary>
    private static bool HasVisibleText(string text) =>
        text.Any(c => !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format));
}

/// <summary>A customer who received the product reviews it, once. The review is published at once.</summary>
public sealed class CreateReviewEndpoint(CatalogDbContext db, TimeProvider clock)
    : Endpoint<CreateReviewRequest, ReviewDetail>
{
    public override void Configure()
    {
        Post("/api/products/{ProductId:guid}/reviews");
    }

    public override async Task HandleAsync(CreateReviewRequest request, CancellationToken ct)
    {
        var customerId = User.SubjectId()!;
        if (!await db.Products.AnyAsync(p => p.Id == request.ProductId && p.IsPublished && p.DeletedAt == null, ct))
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var review = new Review(request.ProductId, customerId, User.FindFirst("name")?.Value, request.Rating, request.Title, request.Body, clock.GetUtcNow());
        bool verified;
        try
        {
            verified = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // Takes turns with the person's erasure, which forgets what they bought: a review checked before an
                // erasure and saved after it would keep an erased person's name.
                await db.LockUntilCommitAsync(AdvisoryLocks.CustomerErasure, customerId, ct);
                if (!await db.VerifiedPurchases.AnyAsync(p => p.CustomerId == customerId && p.ProductId == request.ProductId, ct))
                {
                    return false;
                }

                db.Reviews.Add(review);
                await ProductRatings.AdjustAsync(db, review.ProductId, countChange: 1, sumChange: review.Rating, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            });
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "already-reviewed", "You have already reviewed this product.", ct);
            return;
        }

        if (!verified)
        {
            await HttpContext.SendProblemAsync(StatusCodes.Status403Forbidden, "not-a-verified-buyer",
                "Only customers who received this product can review it.", ct);
            return;
        }

        await Send.CreatedAtAsync<ListMyReviewsEndpoint>(null, ReviewDetail.From(review), cancellation: ct);
    }
}
