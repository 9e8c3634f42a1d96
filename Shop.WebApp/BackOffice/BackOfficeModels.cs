using System.Text.Json;
using Shop.WebApp.Catalog;

namespace Shop.WebApp.BackOffice;

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total, bool TotalIsLowerBound = false)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record StaffProductSummary(Guid Id, string Name, string Slug, Money Price, string Category, string Brand, bool InStock, DateTimeOffset CreatedAt, bool IsPublished);

public sealed record StaffVariant(string Sku, Dictionary<string, string> Options, Money Price, long? CompareAtPrice, int Available, int Revision);

public sealed record StaffImage(Guid Id, string Url, string ThumbnailUrl, int Width, int Height, string? Alt);

public sealed record StaffProduct(
    Guid Id, string Name, string Slug, string Description, Money Price, long? CompareAtPrice, string Category, string CategorySlug,
    string Brand, string BrandSlug, Dictionary<string, JsonElement> Attributes, IReadOnlyList<StaffVariant> Variants,
    IReadOnlyList<StaffImage> Images, bool IsPublished, int Revision);

/// <summary>A product as the catalog's create and update endpoints take it; money in minor units.</summary>
public sealed record ProductFields(
    string Name, string Slug, string Description, string Category, string Brand, long Price, string Currency, long? CompareAtPrice,
    Dictionary<string, object> Attributes);

public sealed record SkuFields(string? Code, Dictionary<string, string> Options, long? Price, long? CompareAtPrice, int WeightGrams, int? OnHand);

public sealed record StockLevel(string Sku, int OnHand, int Reserved, int Available);

public sealed record StockMovement(Guid Id, int OnHandChange, int ReservedChange, string Reason, string Actor, DateTimeOffset At);

public sealed record LowStockSku(string Sku, Guid ProductId, string ProductName, bool IsPublished, Dictionary<string, string> Options, int OnHand, int Reserved, int Available);

public sealed record SkuInfo(string Sku, Guid ProductId, string ProductName, string? ImageUrl, long Price, string Currency, int Available, bool IsPublished, Dictionary<string, string> Options, int WeightGrams);

/// <summary>A review as moderating staff see it; <see cref="Author"/> is null when the buyer gave no name or erased their account.</summary>
public sealed record ModerationReview(
    Guid Id, Guid ProductId, string ProductName, string ProductSlug, int Rating, string Title, string Body, string? Author,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? ModeratedAt);

public sealed record ZeroResultQuery(string Query, long Count, DateTimeOffset LastSeenAt);

public sealed record DayStats(DateOnly Date, long Orders, long PaidOrders, IReadOnlyList<Money> Revenue);

public sealed record CurrencyStats(string Currency, long PaidOrders, long Revenue, long Refunded, long AverageOrderValue);

public sealed record TopProduct(string Sku, string Name, string Currency, long Units, long Revenue);

public sealed record SalesStats(
    DateOnly From, DateOnly To, long OrdersPlaced, long PaidOrders, double Conversion, IReadOnlyList<CurrencyStats> Currencies,
    IReadOnlyList<DayStats> Days, IReadOnlyDictionary<string, long> StatusCounts, IReadOnlyList<TopProduct> TopByUnits, IReadOnlyList<TopProduct> TopByRevenue);

public sealed record ReturnLine(string Sku, int Quantity);

public sealed record ReturnInfo(Guid Id, IReadOnlyList<ReturnLine> Lines, string Reason, string Status, DateTimeOffset RequestedAt, string? StaffNote);

public sealed record OrderReturns(IReadOnlyList<ReturnInfo> Returns);

public sealed record Promotion(
    string Code, string Description, string Kind, long Value, string Currency, long MinimumOrderAmount,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int? UsageLimit, int? PerCustomerLimit, int TimesUsed, bool IsActive);

public sealed record PromotionFields(
    string? Code, string Description, string Kind, long Value, string Currency, long MinimumOrderAmount,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int? UsageLimit, int? PerCustomerLimit, bool IsActive);

public sealed record UserSummary(Guid Id, string Email, string? DisplayName, bool EmailConfirmed, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);

public sealed record UserDetail(Guid Id, string Email, string? DisplayName, string? Phone, bool EmailConfirmed, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool LockedOut);
