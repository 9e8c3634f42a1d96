using FastEndpoints;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Stock;

public sealed record ReleaseStockRequest
{
    public Guid ReservationId { get; init; }
}

/// <summary>Gives a reservation's stock back (a checkout that failed after reserving). Needs the catalog.stock scope, like reserving.</summary>
public sealed class ReleaseStockEndpoint(StockLedger ledger) : Endpoint<ReleaseStockRequest>
{
    public override void Configure()
    {
        Post("/api/stock/reservations/{ReservationId:guid}/release");
        Policies(ServiceScopes.CatalogStock);
    }

    public override async Task HandleAsync(ReleaseStockRequest request, CancellationToken ct)
    {
        await ledger.ReleaseAsync(request.ReservationId, "checkout did not complete", ct);
        await Send.NoContentAsync(ct);
    }
}
