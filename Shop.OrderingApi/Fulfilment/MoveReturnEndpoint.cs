using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Orders;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Fulfilment;

public sealed record MoveReturnRequest
{
    public Guid Id { get; init; }
    public Guid ReturnId { get; init; }

    /// <summary>approve, reject, receive or refund.</summary>
    public string Action { get; init; } = "";

    public string? Note { get; init; }
}

public sealed class MoveReturnValidator : Validator<MoveReturnRequest>
{
    public MoveReturnValidator()
    {
        RuleFor(r => r.Action).Must(a => MoveReturnEndpoint.Actions.ContainsKey(a))
            .WithMessage("The action is approve, reject, receive or refund.");
        RuleFor(r => r.Note).MaximumLength(1000);
    }
}

/// <summary>Staff handle a return: approve or reject it, record the parcel's arrival, and refund the items.</summary>
public sealed class MoveReturnEndpoint(OrderingDbContext db, LockedOrderChange locked, OrderRefunds refunds, TimeProvider clock)
    : Endpoint<MoveReturnRequest, OrderResponse>
{
    public static readonly IReadOnlyDictionary<string, ReturnStatus> Actions = new Dictionary<string, ReturnStatus>
    {
        ["approve"] = ReturnStatus.Approved,
        ["reject"] = ReturnStatus.Rejected,
        ["receive"] = ReturnStatus.Received,
        ["refund"] = ReturnStatus.Refunded,
    };

    public override void Configure()
    {
        Post("/api/orders/{Id:guid}/returns/{ReturnId:guid}/{Action}");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(MoveReturnRequest request, CancellationToken ct)
    {
        var order = await locked.RunAsync(request.Id, MoveAsync, ct);
        if (order is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(OrderResponse.From(order), ct);

        async Task<Domain.Orders.Order?> MoveAsync(CancellationToken token)
        {
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == request.Id, token);
            var existing = order?.Returns.FirstOrDefault(r => r.Id == request.ReturnId);
            if (order is null || existing is null)
            {
                return null;
            }

            var actor = OrderAccess.Actor(User);
            var next = Actions[request.Action];
            if (next == ReturnStatus.Refunded && existing.Status == ReturnStatus.Received && order.RefundDueFor(existing) is { Amount: > 0 } due)
            {
                // Money first: the return is marked refunded only once the gateway has given it back.
                await refunds.RefundAsync(order, due, actor, token);
            }

            order.MoveReturn(request.ReturnId, next, actor, request.Note, clock.GetUtcNow());
            await db.SaveChangesAsync(token);
            return order;
        }
    }
}
