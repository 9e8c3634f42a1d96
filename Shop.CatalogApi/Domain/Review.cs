namespace Shop.CatalogApi.Domain;

public enum ReviewStatus
{
    /// <summary>Visible to shoppers and counted in the product's rating. New reviews start here.</summary>
    Published,

    /// <summary>Hidden by staff: neither shown nor counted.</summary>
    Rejected,
}

/// <summary>Where a review stands for staff who moderate: what they have not looked at yet, and what they decided.</summary>
public enum ModerationState
{
    /// <summary>Published, and no staff member has looked at it yet.</summary>
    Pending,

    /// <summary>Published, and staff approved it.</summary>
    Approved,

    /// <summary>Rejected by staff: neither shown nor counted.</summary>
    Hidden,
}

/// <summary>
/// A verified buyer's opinion of a product, one per customer and product. Reviews are published at once and staff
/// hide what breaks the rules: shoppers see their review straight away, and moderation is the exception. Until
/// staff approve or hide it, a review is pending moderation.
/// </summary>
public sealed class Review
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 4000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ProductId { get; private set; }

    /// <summary>The author's account id; null once the author erased their account (the rating stays).</summary>
    public string? AuthorId { get; private set; }

    /// <summary>The name shown with the review; never an email address (see <see cref="ShownAuthorName"/>).</summary>
    public string? AuthorName { get; private set; }
    public int Rating { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public ReviewStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ModeratedAt { get; private set; }

    private Review() { }

    public Review(Guid productId, string authorId, string? authorName, int rating, string title, string body, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rating, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 5);
        ArgumentException.ThrowIfNullOrWhiteSpace(authorId);
        ProductId = productId;
        AuthorId = authorId;
        AuthorName = ShownAuthorName(authorName);
        Rating = rating;
        Title = title.Trim();
        Body = body.Trim();
        Status = ReviewStatus.Published;
        CreatedAt = now;
    }

    /// <summary>
    /// A review is public, so a name shaped like an email address (no spaces, an @) is not shown: sign-in tokens
    /// once carried the email as the name of accounts without a display name. The same test as the
    /// <c>ClearEmailReviewAuthors</c> migration's.
    /// </summary>
    public static string? ShownAuthorName(string? name) =>
        name is null || (name.Contains('@') && !name.Any(char.IsWhiteSpace)) ? null : name;
}

/// <summary>
/// An account that was erased: only its id, kept so that an event about it that arrives late (a delivery published
/// before the erasure, or retried after it) records nothing about that person again.
/// </summary>
public sealed class ErasedCustomer(string customerId, DateTimeOffset erasedAt)
{
    public string CustomerId { get; private set; } = customerId;
    public DateTimeOffset ErasedAt { get; private set; } = erasedAt;
}

/// <summary>A customer received this product in a delivered order, so they may review it.</summary>
public sealed class VerifiedPurchase
{
    public string CustomerId { get; private set; } = "";
    public Guid ProductId { get; private set; }
    public Guid OrderId { get; private set; }
    public DateTimeOffset DeliveredAt { get; private set; }

    private VerifiedPurchase() { }
}
