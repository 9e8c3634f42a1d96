using FastEndpoints;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Payments;

namespace Shop.OrderingApi.Orders;

public sealed record PayOrderRequest
{
    public Guid Id { get; init; }

    /// <summary>The secret from a guest's order link.</summary>
    [QueryParam]
    public string? Token { get; init; }
}

/// <summary>The order and what the browser needs to pay it, exactly as checkout answers.</summary>
public sealed record PayOrderResponse(OrderResponse Order, PaymentSession Payment);

/// <summary>
/// Pay now: the owner (or the guest link) pays an order still awaiting payment, until it is due. Asking twice gives
/// the same open payment, so a double click never charges twice; an order not awaiting payment is 409 with its status.
/// </summary>
public sealed class PayOrderEndpoint(OrderingDbContext db, IPaymentGateway payments, TimeProvider clock) : Endpoint<PayOrderRequest, PayOrderResponse>
{
    public override void Configure()
    {
        Post("/api/orders/{Id:guid}/payment");
        AllowAnonymous();
    }

    public override async Task HandleAsync(PayOrderRequest request, CancellationToken ct)
    {
        var order = await OrderAccess.FindForCallerAsync(db, request.Id, User, request.Token, ct);
        if (order is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        order.RequirePayable(clock.GetUtcNow());
        var session = await payments.ResumePaymentAsync(order.Id, order.PaymentReference, order.Totals.Total, order.Email, ct);
        order.AwaitPayment(session.PaymentReference, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(new PayOrderResponse(OrderResponse.From(order), session), ct);
    }
}
