using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Stock;

public sealed record ReserveStockRequest(Guid ReservationId, List<StockLine> Lines);

/// <summary>A reserved SKU as the catalog sells it at this moment: what an order charges for it.</summary>
public sealed record ReservedSku(string Sku, string Name, long Price, string Currency, int WeightGrams);

public sealed record ReserveStockResponse(IReadOnlyList<ReservedSku> Lines);

public sealed class ReserveStockValidator : Validator<ReserveStockRequest>
{
    public ReserveStockValidator()
    {
        RuleFor(r => r.ReservationId).NotEmpty();
        RuleFor(r => r.Lines).NotEmpty().Must(l => l.Count <= 200).WithMessage("A reservation has 1 to 200 lines.");
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).NotEmpty().MaximumLength(64);
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, 10_000);
        });
    }
}

/// <summary>
/// Holds stock for an order: all lines or none; 409 lists the short SKUs, or the SKUs no longer on sale (unpublished,
/// deleted or unknown). The answer carries each SKU's current price, name and weight, so the order is priced by the
/// catalog at the moment its stock is taken without asking again. Called by the ordering service at checkout, with
/// its own client-credentials token: the storefront does not route /api/stock, and inside the deployment only a
/// caller granted the catalog.stock scope gets past 401/403.
/// </summary>
public sealed class ReserveStockEndpoint(StockLedger ledger, CatalogDbContext db) : Endpoint<ReserveStockRequest, ReserveStockResponse>
{
    public override void Configure()
    {
        Post("/api/stock/reservations");
        Policies(ServiceScopes.CatalogStock);
    }

    public override async Task HandleAsync(ReserveStockRequest request, CancellationToken ct)
    {
        var codes = request.Lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).ToList();
        var onSale = await db.Skus.AsNoTracking()
            .Where(s => codes.Contains(s.Code))
            .Join(db.Products.Where(p => p.IsPublished && p.DeletedAt == null), s => s.ProductId, p => p.Id,
                (s, p) => new ReservedSku(s.Code, p.Name, s.Price.Amount, s.Price.Currency, s.WeightGrams))
            .ToListAsync(ct);
        var notOnSale = codes.Except(onSale.Select(s => s.Sku), StringComparer.Ordinal).ToList();
        if (notOnSale.Count > 0)
        {
            await ConflictAsync("not-on-sale", "Some SKUs are not on sale; nothing was reserved.",
                notOnSale.Select(sku => new Shortage(sku, 0)).ToList(), ct);
            return;
        }

        var shortages = await ledger.ReserveAsync(request.ReservationId, request.Lines, ct);
        if (shortages.Count > 0)
        {
            await ConflictAsync("insufficient-stock", "Not enough stock for every line; nothing was reserved.", shortages, ct);
            return;
        }

        await Send.OkAsync(new ReserveStockResponse(onSale), ct);
    }

    private Task ConflictAsync(string code, string detail, IReadOnlyList<Shortage> shortSkus, CancellationToken ct)
    {
        HttpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return HttpContext.Response.WriteAsJsonAsync(new
        {
            type = $"/problems/{code}",
            title = "Conflict",
            status = StatusCodes.Status409Conflict,
            detail,
            code,
            shortSkus,
        }, options: null, contentType: "application/problem+json", cancellationToken: ct);
    }
}
