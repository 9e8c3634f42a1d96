using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Orders;

/// <summary>
/// Every order of the signed-in caller in full, for their personal-data export: those they placed signed in, and
/// the guest orders placed with their account's email (confirmed before they could sign in), which an erasure
/// anonymizes as theirs too, so the export shows all that the erasure would take.
/// </summary>
public sealed class ExportMyOrdersEndpoint(OrderingDbContext db) : EndpointWithoutRequest<IReadOnlyList<OrderResponse>>
{
    public override void Configure() => Get("/api/orders/mine/export");

    public override async Task HandleAsync(CancellationToken ct)
    {
        var customerId = User.SubjectId();
        var email = User.FindFirst("email")?.Value.ToLowerInvariant();
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customerId || (email != null && o.CustomerId == null && o.Email.ToLower() == email))
            .OrderByDescending(o => o.PlacedAt)
            .ToListAsync(ct);
        await Send.OkAsync(orders.Select(OrderResponse.From).ToList(), ct);
    }
}
