using FastEndpoints;
using Microsoft.Extensions.Options;
using Shop.OrderingApi.Domain.Pricing;

namespace Shop.OrderingApi.Shipping;

public sealed record ShippingMethodResponse(string Code, string Name, int MinDeliveryDays, int MaxDeliveryDays, long? FreeFrom);

/// <summary>The shipping methods a shopper can choose at checkout; prices depend on the address and weight.</summary>
public sealed class ListShippingMethodsEndpoint(IOptions<ShippingSettings> shipping) : EndpointWithoutRequest<IReadOnlyList<ShippingMethodResponse>>
{
    public override void Configure()
    {
        Get("/api/shipping-methods");
        AllowAnonymous();
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(shipping.Value.Methods
            .OrderBy(m => m.Value.MinDeliveryDays)
            .Select(m => new ShippingMethodResponse(m.Key, m.Value.Name, m.Value.MinDeliveryDays, m.Value.MaxDeliveryDays, m.Value.FreeFrom))
            .ToList(), ct);
}
