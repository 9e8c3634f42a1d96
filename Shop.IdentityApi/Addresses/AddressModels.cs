using FastEndpoints;
using FluentValidation;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Validation;

namespace Shop.IdentityApi.Addresses;

/// <summary>An address as clients send it, for adding and for replacing. Kind is "shipping" or "billing".</summary>
public record AddressRequest
{
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string Line1 { get; init; } = "";
    public string? Line2 { get; init; }
    public string City { get; init; } = "";
    public string? Region { get; init; }
    public string PostalCode { get; init; } = "";
    public string Country { get; init; } = "";
    public string? Phone { get; init; }

    /// <summary>Makes this the default of its kind (the previous default stops being it).</summary>
    public bool IsDefault { get; init; }

    public AddressKind ParsedKind => Enum.Parse<AddressKind>(Kind, ignoreCase: true);

    public AddressFields Fields => new(Name, Line1, Line2, City, Region, PostalCode, Country, Phone);
}

/// <summary>Field rules for <see cref="AddressRequest"/> and the requests that extend it.</summary>
public sealed class AddressRules : AbstractValidator<AddressRequest>
{
    public AddressRules()
    {
        RuleFor(r => r.Kind).Must(k => k?.ToLowerInvariant() is "shipping" or "billing")
            .WithMessage("The kind is shipping or billing.");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Line1).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Line2).MaximumLength(200);
        RuleFor(r => r.City).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Region).MaximumLength(100);
        RuleFor(r => r.PostalCode).NotEmpty().MaximumLength(20);
        RuleFor(r => r.Country).CountryCode();
        RuleFor(r => r.Phone).PhoneNumber();
    }
}

public sealed class AddAddressValidator : Validator<AddressRequest>
{
    public AddAddressValidator() => Include(new AddressRules());
}

public sealed record AddressResponse(
    Guid Id,
    string Kind,
    string Name,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone,
    bool IsDefault)
{
    public static AddressResponse From(Address address) => new(
        address.Id, address.Kind.ToString().ToLowerInvariant(), address.Name, address.Line1, address.Line2, address.City,
        address.Region, address.PostalCode, address.Country, address.Phone, address.IsDefault);
}
