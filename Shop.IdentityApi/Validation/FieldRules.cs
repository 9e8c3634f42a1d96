using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;

namespace Shop.IdentityApi.Validation;

/// <summary>Field formats shared by profiles and addresses.</summary>
public static partial class FieldRules
{
    /// <summary>ISO 3166-1 alpha-2 codes the runtime knows.</summary>
    private static readonly HashSet<string> Countries = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c =>
        {
            try
            {
                return new RegionInfo(c.Name).TwoLetterISORegionName;
            }
            catch (ArgumentException)
            {
                return null;
            }
        })
        .OfType<string>()
        .Where(code => code.Length == 2)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A name shown to others (a review's author): at most 100 characters, none of them control or format characters,
    /// so it cannot hide itself (zero-width spaces) or turn the text around it (right-to-left overrides).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> DisplayName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(100)
            .Must(name => name is null || !name.Any(c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format))
            .WithMessage("A display name has no control or invisible formatting characters.");

    /// <summary>Digits with the usual separators and an optional leading +: what people type, without guessing a numbering plan.</summary>
    public static IRuleBuilderOptions<T, string?> PhoneNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(32)
            .Must(phone => string.IsNullOrWhiteSpace(phone) || PhonePattern().IsMatch(phone.Trim()))
            .WithMessage("A phone number has 6 to 20 digits, optionally a leading + and spaces, dashes, dots or brackets.");

    public static IRuleBuilderOptions<T, string> CountryCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .Must(country => Countries.Contains(country.Trim().ToUpperInvariant()))
            .WithMessage("The country is an ISO 3166-1 alpha-2 code, such as DE or US.");

    [GeneratedRegex(@"^\+?(?:[\s\-.()]*\d){6,20}[\s\-.()]*$")]
    private static partial Regex PhonePattern();
}
