using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Brands.Staff;

public record BrandInput
{
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
}

public class BrandInputValidator<T> : Validator<T> where T : BrandInput
{
    public BrandInputValidator()
    {
        RuleFor(b => b.Name).NotEmpty().MaximumLength(Brand.MaxNameLength)
            .Must(name => name.Trim().Length > 0).WithMessage("A name is not only spaces.");
        RuleFor(b => b.Slug).NotEmpty().Must(Brand.IsValidSlug)
            .WithMessage($"A slug is lower-case letters and digits in words joined by single dashes, at most {Brand.MaxSlugLength} characters.");
    }
}

/// <summary>Field errors for what only the database knows: no other brand has the name (whatever its case) or the slug.</summary>
public static class BrandChecks
{
    public static async Task CheckAsync(CatalogDbContext db, BrandInput input, int? brandId, List<ValidationFailure> failures, CancellationToken ct)
    {
        if (await db.Brands.AnyAsync(b => b.Slug == input.Slug && b.Id != brandId, ct))
        {
            failures.Add(new ValidationFailure("slug", $"The slug '{input.Slug}' is taken."));
        }

        var name = input.Name.Trim().ToLower(System.Globalization.CultureInfo.InvariantCulture);
        if (await db.Brands.AnyAsync(b => b.Name.ToLower() == name && b.Id != brandId, ct))
        {
            failures.Add(new ValidationFailure("name", NameTaken(input.Name)));
        }
    }

    public static string NameTaken(string name) => $"There is already a brand named '{name.Trim()}'.";
}
