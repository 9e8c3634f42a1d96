using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Products.Staff;

/// <summary>What staff say about a product when creating, changing or importing it. Money is in minor units.</summary>
public record ProductInput
{
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Description { get; init; } = "";

    /// <summary>The category's slug.</summary>
    public string Category { get; init; } = "";

    /// <summary>The brand's slug.</summary>
    public string Brand { get; init; } = "";

    public long Price { get; init; }
    public string Currency { get; init; } = "EUR";
    public long? CompareAtPrice { get; init; }

    /// <summary>Typed attributes: a JSON string is text, a number is a number, true/false is a boolean.</summary>
    public Dictionary<string, JsonElement> Attributes { get; init; } = [];
}

/// <summary>A new product: the product, whether it goes on sale at once, and its variants.</summary>
public sealed record NewProductInput : ProductInput
{
    public bool Published { get; init; }
    public List<SkuInput> Skus { get; init; } = [];
}

/// <summary>What describes a variant; without a price of its own it sells at the product's price.</summary>
public record SkuDetailsInput
{
    public Dictionary<string, string> Options { get; init; } = [];
    public long? Price { get; init; }
    public long? CompareAtPrice { get; init; }
    public int WeightGrams { get; init; }
}

/// <summary>A new variant: its code and opening stock besides its details.</summary>
public record SkuInput : SkuDetailsInput
{
    public string Code { get; init; } = "";
    public int OnHand { get; init; }
}

public static class ProductInputRules
{
    public const int MaxSkus = 100;
    public const int MaxAttributes = 50;
    public const int MaxStock = 1_000_000;

    public static ProductAttribute ToAttribute(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => ProductAttribute.OfText(name, value.GetString()!),
        JsonValueKind.Number => ProductAttribute.OfNumber(name, value.GetDecimal()),
        JsonValueKind.True or JsonValueKind.False => ProductAttribute.OfBoolean(name, value.GetBoolean()),
        _ => throw new ArgumentException("An attribute is text, a number or true/false.", nameof(value)),
    };

    public static bool IsValidAttributeValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 and <= ProductAttribute.MaxTextLength } text && text.Trim().Length > 0 && !text.Contains('\0'),
        JsonValueKind.Number => value.TryGetDecimal(out _),
        JsonValueKind.True or JsonValueKind.False => true,
        _ => false,
    };
}

public class ProductInputValidator<T> : AbstractValidator<T> where T : ProductInput
{
    public ProductInputValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(Product.MaxNameLength);
        RuleFor(p => p.Slug).NotEmpty().Must(Product.IsValidSlug)
            .WithMessage("A slug is lower-case letters and digits in words joined by single dashes, at most 220 characters.");
        RuleFor(p => p.Description).NotNull().MaximumLength(Product.MaxDescriptionLength);
        RuleFor(p => p.Category).NotEmpty();
        RuleFor(p => p.Brand).NotEmpty();
        RuleFor(p => p.Price).InclusiveBetween(0, 100_000_000_00);
        RuleFor(p => p.Currency).Must(c => c is { Length: 3 } && c.All(char.IsAsciiLetterUpper))
            .WithMessage("A currency is a three-letter ISO 4217 code, such as EUR.");
        RuleFor(p => p.CompareAtPrice).Must((p, was) => was is null || was > p.Price)
            .WithMessage("A compare-at price is above the price.");
        RuleFor(p => p.Attributes).NotNull().Must(a => a.Count <= ProductInputRules.MaxAttributes)
            .WithMessage($"At most {ProductInputRules.MaxAttributes} attributes.");
        RuleFor(p => p.Attributes).Custom((attributes, context) =>
        {
            // Named after the attribute ("attributes.material"), which says more than its position would.
            foreach (var (name, value) in attributes ?? [])
            {
                if (!ProductAttribute.IsValidName(name))
                {
                    context.AddFailure(new ValidationFailure($"attributes.{name}",
                        "An attribute name is lower-case letters, digits and dashes, starting with a letter, at most 40 characters."));
                }
                else if (!ProductInputRules.IsValidAttributeValue(value))
                {
                    context.AddFailure(new ValidationFailure($"attributes.{name}", "An attribute is text (1 to 200 characters), a number or true/false."));
                }
            }
        });
    }
}

public class SkuDetailsInputValidator<T> : AbstractValidator<T> where T : SkuDetailsInput
{
    public SkuDetailsInputValidator()
    {
        RuleFor(s => s.Options).NotNull().Must(o => o.Count <= 10).WithMessage("At most 10 options.");
        // A name is a JSON property name, which the body's NUL check does not read.
        RuleForEach(s => s.Options).Must(o => o.Key.Length is > 0 and <= 40 && !o.Key.Contains('\0') && o.Value is { Length: > 0 and <= 100 })
            .WithMessage("An option is a name of 1 to 40 characters and a value of 1 to 100.");
        RuleFor(s => s.Price).InclusiveBetween(0, 100_000_000_00).When(s => s.Price is not null);
        RuleFor(s => s.CompareAtPrice).Must((s, was) => was is null || s.Price is null || was > s.Price)
            .WithMessage("A compare-at price is above the price.");
        RuleFor(s => s.WeightGrams).InclusiveBetween(0, 1_000_000);
    }
}

public class SkuInputValidator<T> : SkuDetailsInputValidator<T> where T : SkuInput
{
    public SkuInputValidator()
    {
        RuleFor(s => s.Code).NotEmpty().Must(Sku.IsValidCode)
            .WithMessage("A SKU code is 1 to 64 upper-case letters, digits, dashes, dots or underscores.");
        RuleFor(s => s.OnHand).InclusiveBetween(0, ProductInputRules.MaxStock);
    }
}

public sealed class NewProductInputValidator : ProductInputValidator<NewProductInput>
{
    public NewProductInputValidator()
    {
        RuleFor(p => p.Skus).NotNull().Must(s => s.Count <= ProductInputRules.MaxSkus).WithMessage($"At most {ProductInputRules.MaxSkus} variants.")
            .Must(s => !s.Contains(null!)).WithMessage("A variant is an object, not null.")
            .Must(s => s.Select(x => x.Code).Distinct().Count() == s.Count).WithMessage("Each SKU code is given once.");
        RuleForEach(p => p.Skus).SetValidator(new SkuInputValidator<SkuInput>());
        RuleFor(p => p.Published).Must((p, published) => !published || p.Skus is { Count: > 0 })
            .WithMessage("A product goes on sale with at least one variant.");
    }
}
