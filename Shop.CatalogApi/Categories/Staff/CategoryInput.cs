using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Categories.Staff;

/// <summary>What staff say about a category. <c>parent</c> is the parent's slug; none makes a top-level department.</summary>
public record CategoryInput
{
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public string? Parent { get; init; }

    /// <summary>Where the category sits among its siblings: lower first.</summary>
    public int SortOrder { get; init; }
}

public sealed record CategoryResponse(int Id, string Name, string Slug, string? Parent, int SortOrder);

public class CategoryInputValidator<T> : Validator<T> where T : CategoryInput
{
    public CategoryInputValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Category.MaxNameLength)
            .Must(name => name.Trim().Length > 0).WithMessage("A name is not only spaces.");
        RuleFor(c => c.Slug).NotEmpty().Must(Category.IsValidSlug)
            .WithMessage($"A slug is lower-case letters and digits in words joined by single dashes, at most {Category.MaxSlugLength} characters.");
        RuleFor(c => c.Parent).Must(p => Category.IsValidSlug(p!)).When(c => !string.IsNullOrEmpty(c.Parent))
            .WithMessage("The parent is a category's slug.");
        RuleFor(c => c.SortOrder).InclusiveBetween(0, 100_000);
    }
}

/// <summary>
/// What only the database knows, as field errors: the parent exists and is not the category itself or below it, the
/// slug is free, and no sibling has the name. The tree is small, so it is read whole.
/// </summary>
public static class CategoryChecks
{
    public static async Task<(Category? Parent, IReadOnlyList<Category> All)> CheckAsync(
        CatalogDbContext db, CategoryInput input, int? categoryId, List<ValidationFailure> failures, CancellationToken ct)
    {
        var all = await db.Categories.ToListAsync(ct);
        Category? parent = null;
        if (!string.IsNullOrEmpty(input.Parent))
        {
            parent = all.FirstOrDefault(c => c.Slug == input.Parent);
            if (parent is null)
            {
                failures.Add(new ValidationFailure("parent", $"There is no category '{input.Parent}'."));
            }
            else if (categoryId is { } id && Category.WouldMakeCycle(id, parent.Id, all.ToDictionary(c => c.Id, c => c.ParentId)))
            {
                failures.Add(new ValidationFailure("parent", "A category cannot be moved under itself or one of its own subcategories."));
            }
        }

        if (all.Any(c => c.Slug == input.Slug && c.Id != categoryId))
        {
            failures.Add(new ValidationFailure("slug", $"The slug '{input.Slug}' is taken."));
        }

        if (failures.Count == 0 && all.Any(c => c.ParentId == parent?.Id && c.Id != categoryId
            && string.Equals(c.Name, input.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add(new ValidationFailure("name", NameTaken(input.Name, parent)));
        }

        return (parent, all);
    }

    /// <summary>Why a name cannot be used: a sibling (any case) has it.</summary>
    public static string NameTaken(string name, Category? parent) =>
        $"{(parent is null ? "A department" : $"'{parent.Name}' already has a category")} named '{name.Trim()}'{(parent is null ? " already exists" : "")}.";

    public static CategoryResponse Response(Category category, Category? parent) =>
        new(category.Id, category.Name, category.Slug, parent?.Slug, category.SortOrder);
}
