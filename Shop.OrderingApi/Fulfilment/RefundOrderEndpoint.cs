using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Orders;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Fulfilment;

public sealed record RefundOrderRequest
{
    public Guid Id { get; init; }

    /// <summary>In the order's currency's minor units; partial refunds are allowed.</summary>
    public long Amount { get; init; }
}

public sealed class RefundOrderValidator : Validator<RefundOrderRequest>
{
    public RefundOrderValidator() => RuleFor(r => r.Amount).GreaterThan(0);
}

/// <summary>Staff give back part or all of what was paid, through the gateway that took it.</summary>
public sealed class RefundOrderEndpoint(OrderingDbContext db, LockedOrderChange locked, OrderRefunds refunds) : Endpoint<RefundOrderRequest, OrderResponse>
{
    public override void Configure()
    {
        Post("/api/orders/{Id:guid}/refunds");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(RefundOrderRequest request, CancellationToken ct)
    {
        // Checked and refunded with the order locked: concurrent refunds take turns, and each sees what the others gave back.
        var (order, refundable) = await locked.RunAsync(request.Id, async token =>
        {
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == request.Id, token);
            if (order is null || !order.WasPaid || request.Amount > order.RefundableAmount.Amount)
            {
                return (order, order?.RefundableAmount);
            }

            await refunds.RefundAsync(order, new Money(request.Amount, order.Totals.Total.Currency), OrderAccess.Actor(User), token);
            await db.SaveChangesAsync(token);
            return (order, (Money?)null);
        }, ct);

        if (order is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        if (refundable is { } left)
        {
            AddError(r => r.Amount, $"At most {(order.WasPaid ? left.Amount : 0)} {left.Currency} can be refunded.");
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }

        await Send.OkAsync(OrderResponse.From(order), ct);
    }
}
