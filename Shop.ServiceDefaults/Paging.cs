using FastEndpoints;
using FluentValidation;

namespace Shop.ServiceDefaults;

/// <summary>
/// A page of a list, with the total so clients can page. A list that stops counting at some size says so with
/// <paramref name="TotalIsLowerBound"/>: there are at least <paramref name="Total"/> items.
/// </summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total, bool TotalIsLowerBound = false);

/// <summary>Query parameters every paged list accepts.</summary>
public abstract record PagedRequest
{
    public const int MaxPageSize = 100;

    /// <summary>Far past any real list's end, and low enough that <see cref="Skip"/> cannot overflow.</summary>
    public const int MaxPage = 1_000_000;

    [QueryParam]
    public int Page { get; init; } = 1;

    [QueryParam]
    public int PageSize { get; init; } = 20;

    public int Skip => (Page - 1) * PageSize;
}

public sealed class PagedRequestValidator : AbstractValidator<PagedRequest>
{
    public PagedRequestValidator()
    {
        RuleFor(r => r.Page).InclusiveBetween(1, PagedRequest.MaxPage);
        RuleFor(r => r.PageSize).InclusiveBetween(1, PagedRequest.MaxPageSize);
    }
}
