using System.Globalization;
using FastEndpoints;
using FluentValidation;
using Shop.Notifications;

namespace Shop.OrderingApi.Checkout;

public sealed record AddressInput(
    string Name,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string Country,
    string? Region,
    string? Phone);

/// <summary>Which basket to buy and where to send it. Prices are not part of it: the server works them out.</summary>
public sealed record PlaceOrderRequest
{
    /// <summary>A guest basket's id, or "mine" for the signed-in customer's basket.</summary>
    public string BasketId { get; init; } = "";

    /// <summary>Required for guests; customers' orders use their account's email unless they give one.</summary>
    public string? Email { get; init; }

    public AddressInput ShippingAddress { get; init; } = null!;
    public string ShippingMethod { get; init; } = "";
    public string? DiscountCode { get; init; }
}

public sealed class PlaceOrderValidator : Validator<PlaceOrderRequest>
{
    /// <summary>ISO 3166-1 alpha-2 codes the runtime knows.</summary>
    private static readonly HashSet<string> Countries = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).TwoLetterISORegionName; } catch (ArgumentException) { return null; } })
        .Where(code => code is { Length: 2 })
        .ToHashSet(StringComparer.Ordinal)!;

    public PlaceOrderValidator()
    {
        RuleFor(r => r.BasketId).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Email).NotEmpty().When(r => r.BasketId != "mine").WithMessage("Guests give an email for the receipt.");
        RuleFor(r => r.Email).MaximumLength(320).Must(EmailAddresses.IsSingleAddress).WithMessage(EmailAddresses.Requirement).When(r => !string.IsNullOrEmpty(r.Email));
        RuleFor(r => r.ShippingMethod).NotEmpty().MaximumLength(32);
        RuleFor(r => r.DiscountCode).MaximumLength(64);
        RuleFor(r => r.ShippingAddress).NotNull().DependentRules(() =>
        {
            RuleFor(r => r.ShippingAddress.Name).NotEmpty().MaximumLength(200);
            RuleFor(r => r.ShippingAddress.Line1).NotEmpty().MaximumLength(200);
            RuleFor(r => r.ShippingAddress.Line2).MaximumLength(200);
            RuleFor(r => r.ShippingAddress.City).NotEmpty().MaximumLength(100);
            RuleFor(r => r.ShippingAddress.PostalCode).NotEmpty().MaximumLength(20).Matches("^[A-Za-z0-9 -]+$");
            RuleFor(r => r.ShippingAddress.Country).Must(c => c is not null && Countries.Contains(c))
                .WithMessage("The country is an ISO 3166-1 alpha-2 code, such as DE.");
            RuleFor(r => r.ShippingAddress.Region).MaximumLength(50);
            RuleFor(r => r.ShippingAddress.Phone).MaximumLength(30).Matches(@"^\+?[0-9 ()-]+$").When(r => !string.IsNullOrEmpty(r.ShippingAddress.Phone));
        });
    }
}
