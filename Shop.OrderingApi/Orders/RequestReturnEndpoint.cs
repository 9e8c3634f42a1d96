using FastEndpoints;
using FluentValidation;
using Microsoft.Extensions.Options;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Orders;

namespace Shop.OrderingApi.Orders;

public sealed record RequestReturnRequest
{
    public Guid Id { get; init; }

    [QueryParam]
    public string? Token { get; init; }

    public List<ReturnLine> Lines { get; init; } = [];
    public string Reason { get; init; } = "";
}

public sealed class RequestReturnValidator : Validator<RequestReturnRequest>
{
    public RequestReturnValidator()
    {
        RuleFor(r => r.Lines).NotEmpty().Must(l => l.Count <= 1000).WithMessage("A return has at most 1000 lines.")
            .Must(l => !l.Contains(null!)).WithMessage("A line is an object, not null.");
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).NotEmpty().MaximumLength(64);
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, 1000);
        });
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
    }
}

/// <summary>Bound from <c>Returns</c>: how long after delivery a customer may ask to return items.</summary>
public sealed class ReturnSettings
{
    public const string Section = "Returns";

    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>A customer asks to send delivered items back; staff then approve or reject it.</summary>
public sealed class RequestReturnEndpoint(OrderingDbContext db, IOptions<ReturnSettings> settings, TimeProvider clock)
    : Endpoint<RequestReturnRequest, ReturnResponse>
{
    public override void Configure()
    {
        Post("/api/orders/{Id:guid}/returns");
        AllowAnonymous();
    }

    public override async Task HandleAsync(RequestReturnRequest request, CancellationToken ct)
    {
        var order = await OrderAccess.FindForCallerAsync(db, request.Id, User, request.Token, ct);
        if (order is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        ReturnRequest created;
        try
        {
            created = order.RequestReturn(request.Lines, request.Reason, settings.Value.Window, clock.GetUtcNow());
        }
        catch (InvalidReturnException invalid)
        {
            AddError(r => r.Lines, invalid.Message);
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }

        await db.SaveChangesAsync(ct);
        await Send.ResponseAsync(new ReturnResponse(created.Id, created.Lines, created.Reason,
            OrderResponse.StatusName(created.Status), created.RequestedAt, created.StaffNote), StatusCodes.Status201Created, ct);
    }
}
