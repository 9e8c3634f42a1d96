using Shop.CatalogApi.Reviews;

namespace Shop.CatalogApi.Products;

public sealed record MoneyResponse(long Amount, string Currency);

public sealed record ProductSummary(
    Guid Id,
    string Name,
    string Slug,
    MoneyResponse Price,
    long? CompareAtPrice,
    string Category,
    string Brand,
    RatingSummary Rating,
    bool InStock,
    DateTimeOffset CreatedAt,
    bool IsPublished);
