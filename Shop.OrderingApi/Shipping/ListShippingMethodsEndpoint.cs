using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;

namespace Shop.OrderingApi.Shipping;

public sealed record ShippingMethodResponse(string Code, string Name, int MinDeliveryDays, int MaxDeliveryDays);

/// <summary>The shipping methods a shopper can choose at checkout.</summary>
public sealed class ListShippingMethodsEndpoint(OrderingDbContext db) : EndpointWithoutRequest<IReadOnlyList<ShippingMethodResponse>>
{
    public override void Configure()
    {
        Get("/api/shipping-methods");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var methods = await db.ShippingMethods.AsNoTracking()
            .Where(m => m.IsActive)
            .OrderBy(m => m.MinDeliveryDays)
            .Select(m => new ShippingMethodResponse(m.Code, m.Name, m.MinDeliveryDays, m.MaxDeliveryDays))
            .ToListAsync(ct);
        await Send.OkAsync(methods, ct);
    }
}
