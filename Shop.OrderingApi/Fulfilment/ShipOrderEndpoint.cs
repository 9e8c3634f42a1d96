using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Orders;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Fulfilment;

public sealed record ShipOrderRequest
{
    public Guid Id { get; init; }
    public string Carrier { get; init; } = "";
    public string TrackingNumber { get; init; } = "";
}

public sealed class ShipOrderValidator : Validator<ShipOrderRequest>
{
    public ShipOrderValidator()
    {
        RuleFor(r => r.Carrier).NotEmpty().MaximumLength(100);
        RuleFor(r => r.TrackingNumber).NotEmpty().MaximumLength(100);
    }
}

/// <summary>Staff hand a paid order to a carrier; the customer is told the tracking number.</summary>
public sealed class ShipOrderEndpoint(OrderingDbContext db, TimeProvider clock) : Endpoint<ShipOrderRequest, OrderResponse>
{
    public override void Configure()
    {
        Post("/api/orders/{Id:guid}/ship");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(ShipOrderRequest request, CancellationToken ct)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == request.Id, ct);
        if (order is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        order.Ship(request.Carrier, request.TrackingNumber, OrderAccess.Actor(User), clock.GetUtcNow());
        db.AddIntegrationEvent(new OrderShipped(order.Id, order.Email, request.Carrier, request.TrackingNumber, order.IsGuestOrder));
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(OrderResponse.From(order), ct);
    }
}
