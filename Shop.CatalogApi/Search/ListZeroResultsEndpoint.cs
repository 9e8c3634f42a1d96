using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search;

public sealed record ListZeroResultsRequest : PagedRequest;

public sealed class ListZeroResultsValidator : Validator<ListZeroResultsRequest>
{
    public ListZeroResultsValidator() => Include(new PagedRequestValidator());
}

public sealed record ZeroResultResponse(string Query, long Count, DateTimeOffset LastSeenAt);

/// <summary>Staff: queries that found nothing, most frequent first.</summary>
public sealed class ListZeroResultsEndpoint(SearchIndexDbContext db) : Endpoint<ListZeroResultsRequest, PagedResponse<ZeroResultResponse>>
{
    public override void Configure()
    {
        Get("/api/search/zero-results");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(ListZeroResultsRequest request, CancellationToken ct)
    {
        var total = await db.ZeroResultQueries.LongCountAsync(ct);
        var items = await db.ZeroResultQueries.AsNoTracking()
            .OrderByDescending(q => q.Count).ThenByDescending(q => q.LastSeenAt).ThenBy(q => q.Query)
            .Skip(request.Skip).Take(request.PageSize)
            .Select(q => new ZeroResultResponse(q.Query, q.Count, q.LastSeenAt))
            .ToListAsync(ct);
        await Send.OkAsync(new PagedResponse<ZeroResultResponse>(items, request.Page, request.PageSize, total), ct);
    }
}
