using FastEndpoints;
using FluentValidation;
using Shop.OrderingApi.Domain.Promotions;

namespace Shop.OrderingApi.Promotions;

public sealed record PromotionResponse(
    string Code, string Description, string Kind, long Value, string Currency, long MinimumOrderAmount,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int? UsageLimit, int? PerCustomerLimit, int TimesUsed, bool IsActive)
{
    public static PromotionResponse From(Promotion p) => new(p.Code, p.Description, Orders.OrderResponse.StatusName(p.Kind), p.Value,
        p.Currency, p.MinimumOrderAmount, p.ValidFrom, p.ValidUntil, p.UsageLimit, p.PerCustomerLimit, p.TimesUsed, p.IsActive);
}

/// <summary>What staff set on a promotion; shared by create and update.</summary>
public record PromotionFields
{
    public string Description { get; init; } = "";

    /// <summary>percentage (value in basis points: 1000 = 10 %) or fixed_amount (value in minor units).</summary>
    public string Kind { get; init; } = "";

    public long Value { get; init; }
    public string Currency { get; init; } = "";
    public long MinimumOrderAmount { get; init; }
    public DateTimeOffset? ValidFrom { get; init; }
    public DateTimeOffset? ValidUntil { get; init; }
    public int? UsageLimit { get; init; }
    public int? PerCustomerLimit { get; init; }

    public DiscountKind ParsedKind => Kind == "percentage" ? DiscountKind.Percentage : DiscountKind.FixedAmount;
}

public sealed class PromotionFieldsValidator : AbstractValidator<PromotionFields>
{
    public PromotionFieldsValidator()
    {
        RuleFor(p => p.Description).NotNull().MaximumLength(500);
        RuleFor(p => p.Kind).Must(k => k is "percentage" or "fixed_amount").WithMessage("The kind is percentage or fixed_amount.");
        RuleFor(p => p.Value).InclusiveBetween(1, 10_000).When(p => p.Kind == "percentage")
            .WithMessage("A percentage is 1 to 10000 basis points (10000 = 100 %).");
        RuleFor(p => p.Value).GreaterThan(0).When(p => p.Kind == "fixed_amount");
        RuleFor(p => p.Currency).NotNull().Matches("^[A-Z]{3}$").WithMessage("The currency is a three-letter ISO 4217 code.");
        RuleFor(p => p.MinimumOrderAmount).GreaterThanOrEqualTo(0);
        RuleFor(p => p.ValidUntil).GreaterThan(p => p.ValidFrom).When(p => p.ValidFrom is not null && p.ValidUntil is not null)
            .WithMessage("A promotion ends after it starts.");
        RuleFor(p => p.UsageLimit).GreaterThan(0).When(p => p.UsageLimit is not null);
        RuleFor(p => p.PerCustomerLimit).GreaterThan(0).When(p => p.PerCustomerLimit is not null);
    }
}
