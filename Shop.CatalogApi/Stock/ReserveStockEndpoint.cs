using FastEndpoints;
using FluentValidation;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Stock;

public sealed record ReserveStockRequest(Guid ReservationId, List<StockLine> Lines);

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
/// Holds stock for an order: all lines or none; 409 lists the short SKUs. Called by the ordering service at
/// checkout, with its own client-credentials token: the storefront does not route /api/stock, and inside the
/// deployment only a caller granted the catalog.stock scope gets past 401/403.
/// </summary>
public sealed class ReserveStockEndpoint(StockLedger ledger) : Endpoint<ReserveStockRequest>
{
    public override void Configure()
    {
        Post("/api/stock/reservations");
        Policies(ServiceScopes.CatalogStock);
    }

    public override async Task HandleAsync(ReserveStockRequest request, CancellationToken ct)
    {
        var shortages = await ledger.ReserveAsync(request.ReservationId, request.Lines, ct);
        if (shortages.Count == 0)
        {
            await Send.NoContentAsync(ct);
            return;
        }

        HttpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        await HttpContext.Response.WriteAsJsonAsync(new
        {
            type = "/problems/insufficient-stock",
            title = "Conflict",
            status = StatusCodes.Status409Conflict,
            detail = "Not enough stock for every line; nothing was reserved.",
            code = "insufficient-stock",
            shortSkus = shortages,
        }, options: null, contentType: "application/problem+json", cancellationToken: ct);
    }
}
