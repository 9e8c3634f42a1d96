using FastEndpoints;
using Shop.OrderingApi.Data;

namespace Shop.OrderingApi.Orders;

public sealed record GetOrderRequest
{
    public Guid Id { get; init; }

    /// <summary>The secret from a guest's order link.</summary>
    [QueryParam]
    public string? Token { get; init; }
}

/// <summary>An order with its lines, totals, history and returns, for its customer, its guest link, or staff.</summary>
public sealed class GetOrderEndpoint(OrderingDbContext db) : Endpoint<GetOrderRequest, OrderResponse>
{
    public override void Configure()
    {
        Get("/api/orders/{Id:guid}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(GetOrderRequest request, CancellationToken ct)
    {
        var order = await OrderAccess.FindForCallerAsync(db, request.Id, User, request.Token, ct);
        if (order is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(OrderResponse.From(order), ct);
    }
}
