using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Idempotency;
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

/// <summary>
/// Staff give back part or all of what was paid, through the gateway that took it. An <c>Idempotency-Key</c> makes a
/// repeat (a double submit) refund nothing more: it answers the order as it is.
/// </summary>
public sealed class RefundOrderEndpoint(OrderingDbContext db, LockedOrderChange locked, OrderRefunds refunds, IdempotencyGate idempotency)
    : Endpoint<RefundOrderRequest, OrderResponse>
{
    public override void Configure()
    {
        Post("/api/orders/{Id:guid}/refunds");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(RefundOrderRequest request, CancellationToken ct)
    {
        var key = HttpContext.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            await RefundAsync(request, ct);
            return;
        }

        if (key.Length > 255)
        {
            AddError("The Idempotency-Key header is 1 to 255 characters.");
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }

        var scope = $"refund:{request.Id}";
        switch (await idempotency.BeginAsync(scope, key, IdempotencyGate.HashOf(request.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct))
        {
            case IdempotencyDecision.Replay:
                var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.Id, ct);
                await Send.OkAsync(OrderResponse.From(order!), ct);
                return;
            case IdempotencyDecision.Mismatch:
                await HttpContext.SendProblemAsync(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused",
                    "This Idempotency-Key was used for another amount.", ct);
                return;
            case IdempotencyDecision.InProgress:
                await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "idempotency-key-in-use",
                    "A refund with this Idempotency-Key is still being made.", ct);
                return;
        }

        try
        {
            if (await RefundAsync(request, ct))
            {
                await idempotency.CompleteAsync(scope, key, StatusCodes.Status200OK, "", orderId: null, ct);
                return;
            }
        }
        catch
        {
            await idempotency.AbandonAsync(scope, key);
            throw;
        }

        // Refused, so nothing was refunded: the key is free for a corrected request.
        await idempotency.AbandonAsync(scope, key);
    }

    /// <summary>Refunds and answers the order; false when it answered a refusal instead.</summary>
    private async Task<bool> RefundAsync(RefundOrderRequest request, CancellationToken ct)
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
            return false;
        }

        if (refundable is { } left)
        {
            AddError(r => r.Amount, $"At most {(order.WasPaid ? left.Amount : 0)} {left.Currency} can be refunded.");
            await Send.ErrorsAsync(cancellation: ct);
            return false;
        }

        await Send.OkAsync(OrderResponse.From(order), ct);
        return true;
    }
}
