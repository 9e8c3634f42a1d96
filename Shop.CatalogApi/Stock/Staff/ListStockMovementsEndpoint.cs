using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Stock.Staff;

public sealed record ListStockMovementsRequest : PagedRequest
{
    public string Code { get; init; } = "";
}

public sealed class ListStockMovementsValidator : Validator<ListStockMovementsRequest>
{
    public ListStockMovementsValidator() => Include(new PagedRequestValidator());
}

public sealed record StockMovementResponse(Guid Id, int OnHandChange, int ReservedChange, string Reason, string Actor, DateTimeOffset At);

/// <summary>A SKU's stock audit trail for staff, newest first: adjustments, reservations, sales and releases.</summary>
public sealed class ListStockMovementsEndpoint(CatalogDbContext db) : Endpoint<ListStockMovementsRequest, PagedResponse<StockMovementResponse>>
{
    public override void Configure()
    {
        Get("/api/skus/{Code}/stock-movements");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(ListStockMovementsRequest request, CancellationToken ct)
    {
        if (!await db.Skus.AnyAsync(s => s.Code == request.Code, ct))
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var movements = db.StockMovements.AsNoTracking().Where(m => m.Sku == request.Code);
        var total = await movements.LongCountAsync(ct);
        var items = await movements.OrderByDescending(m => m.At).ThenByDescending(m => m.Id)
            .Skip(request.Skip).Take(request.PageSize)
            .Select(m => new StockMovementResponse(m.Id, m.OnHandChange, m.ReservedChange, m.Reason, m.Actor, m.At))
            .ToListAsync(ct);
        await Send.OkAsync(new PagedResponse<StockMovementResponse>(items, request.Page, request.PageSize, total), ct);
    }
}
