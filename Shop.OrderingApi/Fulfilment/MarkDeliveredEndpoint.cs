using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Orders;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Fulfilment;

public sealed record MarkDeliveredRequest
{
    public Guid Id { get; init; }
}

/// <summary>Staff record the carrier's delivery; from then on the customer may review and return.</summary>
public sealed class MarkDeliveredEndpoint(OrderingDbContext db, TimeProvider clock) : Endpoint<MarkDeliveredRequest, OrderResponse>
{
    public override void Configure()
    {
        Post("/api/orders/{Id:guid}/deliver");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(MarkDeliveredRequest request, CancellationToken ct)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == request.Id, ct);
        if (order is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        order.MarkDelivered(OrderAccess.Actor(User), clock.GetUtcNow());
        db.AddIntegrationEvent(new OrderDelivered(order.Id, order.CustomerId,
            order.Lines.Select(l => new OrderedItem(l.Sku, l.Quantity)).ToList()));
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(OrderResponse.From(order), ct);
    }
}
