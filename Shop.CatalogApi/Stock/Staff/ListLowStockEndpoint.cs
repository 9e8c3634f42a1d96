using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Stock.Staff;

public sealed record ListLowStockRequest : PagedRequest
{
    /// <summary>SKUs with this many units available or fewer are listed.</summary>
    [QueryParam]
    public int Threshold { get; init; } = 5;
}

public sealed class ListLowStockValidator : Validator<ListLowStockRequest>
{
    public ListLowStockValidator()
    {
        Include(new PagedRequestValidator());
        RuleFor(r => r.Threshold).InclusiveBetween(0, ProductInputRules.MaxStock);
    }
}

public sealed record LowStockResponse(
    string Sku, Guid ProductId, string ProductName, bool IsPublished, IReadOnlyDictionary<string, string> Options, int OnHand, int Reserved, int Available);

/// <summary>Staff: SKUs of products still in the catalog that are running out (available at or below the threshold), fewest first.</summary>
public sealed class ListLowStockEndpoint(CatalogDbContext db) : Endpoint<ListLowStockRequest, PagedResponse<LowStockResponse>>
{
    public override void Configure()
    {
        Get("/api/skus/low-stock");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(ListLowStockRequest request, CancellationToken ct)
    {
        var low = db.Skus.AsNoTracking()
            .Join(db.Products.Where(p => p.DeletedAt == null), s => s.ProductId, p => p.Id, (s, p) => new { Sku = s, Product = p })
            .Where(x => x.Sku.OnHand - x.Sku.Reserved <= request.Threshold);
        var total = await low.LongCountAsync(ct);
        var page = await low.OrderBy(x => x.Sku.OnHand - x.Sku.Reserved).ThenBy(x => x.Sku.Code)
            .Skip(request.Skip).Take(request.PageSize)
            .Select(x => new { x.Sku.Code, x.Product.Id, x.Product.Name, x.Product.IsPublished, x.Sku.Options, x.Sku.OnHand, x.Sku.Reserved })
            .ToListAsync(ct);
        var items = page.Select(x => new LowStockResponse(x.Code, x.Id, x.Name, x.IsPublished, x.Options, x.OnHand, x.Reserved, x.OnHand - x.Reserved)).ToList();
        await Send.OkAsync(new PagedResponse<LowStockResponse>(items, request.Page, request.PageSize, total), ct);
    }
}
