using FastEndpoints;
using FluentValidation;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Payments;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Orders;

public sealed record CancelOrderRequest
{
    public Guid Id { get; init; }

    [QueryParam]
    public string? Token { get; init; }

    /// <summary>Why; staff give one, customers may.</summary>
    public string? Reason { get; init; }
}

public sealed class CancelOrderValidator : Validator<CancelOrderRequest>
{
    public CancelOrderValidator() => RuleFor(r => r.Reason).MaximumLength(500);
}

/// <summary>
/// Customers cancel before shipping; staff any time before delivery. A paid order is refunded in full, and its units
/// go back on sale unless it had shipped (the catalog hears OrderCancelled).
/// </summary>
public sealed class CancelOrderEndpoint(
    OrderingDbContext db, LockedOrderChange locked, OrderRefunds refunds, OpenPaymentCancellation openPayments, TimeProvider clock)
    : Endpoint<CancelOrderRequest, OrderResponse>
{
    public override void Configure()
    {
        Post("/api/orders/{Id:guid}/cancel");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancelOrderRequest request, CancellationToken ct)
    {
        var order = await locked.RunAsync(request.Id, CancelAsync, ct);
        if (order is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(OrderResponse.From(order), ct);

        async Task<Domain.Orders.Order?> CancelAsync(CancellationToken token)
        {
            var order = await OrderAccess.FindForCallerAsync(db, request.Id, User, request.Token, token);
            if (order is null)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            var actor = OrderAccess.Actor(User);
            var reason = request.Reason ?? (User.IsStaff() ? "cancelled by staff" : "cancelled by the customer");
            var shipped = order.Status == Domain.Orders.OrderStatus.Shipped;
            var refundDue = User.IsStaff() ? order.CancelByStaff(actor, reason, now) : order.CancelByCustomer(now);
            db.AddIntegrationEvent(new OrderCancelled(order.Id, order.Email, reason, refundDue, Shipped: shipped, Guest: order.IsGuestOrder));
            if (refundDue)
            {
                await refunds.RefundAsync(order, order.RefundableAmount, actor, token);
            }
            else
            {
                await openPayments.CancelAsync(order, token);
            }

            await db.SaveChangesAsync(token);
            return order;
        }
    }
}
