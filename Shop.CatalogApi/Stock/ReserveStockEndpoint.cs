using FastEndpoints;
using FluentValidation;
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
public sealed class ReserveStockEndpoint(StockLedger ledger) : Endpoint<ReserveStockRequest, ReserveStockResponse>
{
    public override void Configure()
    {
        Post("/api/stock/reservations");
        Policies(ServiceScopes.CatalogStock);
    }

    public override async Task HandleAsync(ReserveStockRequest request, CancellationToken ct)
    {
        switch (await ledger.ReserveAsync(request.ReservationId, request.Lines, ct))
        {
            case ReservationOutcome.Reserved reserved:
                await Send.OkAsync(new ReserveStockResponse(reserved.Skus), ct);
                break;
            case ReservationOutcome.NotOnSale notOnSale:
                await ConflictAsync("not-on-sale", "Some SKUs are not on sale; nothing was reserved.",
                    notOnSale.Skus.Select(sku => new Shortage(sku, 0)).ToList(), ct);
                break;
            case ReservationOutcome.Short shortages:
                await ConflictAsync("insufficient-stock", "Not enough stock for every line; nothing was reserved.", shortages.Shortages, ct);
                break;
        }
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
