using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Promotions;
using Shop.OrderingApi.Orders;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Promotions;

public sealed record PreviewDiscountRequest
{
    public string Code { get; init; } = "";

    [QueryParam]
    public long Subtotal { get; init; }

    [QueryParam]
    public string Currency { get; init; } = "";
}

public sealed record DiscountPreviewResponse(string Code, MoneyResponse Discount);

public sealed class PreviewDiscountValidator : Validator<PreviewDiscountRequest>
{
    public PreviewDiscountValidator()
    {
        RuleFor(r => r.Code).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Subtotal).GreaterThanOrEqualTo(0);
        RuleFor(r => r.Currency).Matches("^[A-Z]{3}$");
    }
}

/// <summary>
/// What a code would take off a subtotal, for the basket's totals preview. Checkout applies the code again, on the
/// prices and limits at that moment; this is only a preview.
/// </summary>
public sealed class PreviewDiscountEndpoint(OrderingDbContext db, TimeProvider clock) : Endpoint<PreviewDiscountRequest, DiscountPreviewResponse>
{
    public override void Configure()
    {
        Get("/api/promotions/{Code}/preview");
        AllowAnonymous();
    }

    public override async Task HandleAsync(PreviewDiscountRequest request, CancellationToken ct)
    {
        var code = Promotion.Normalize(request.Code);
        var promotion = await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct);
        var subtotal = new Money(request.Subtotal, request.Currency);
        var customer = User.SubjectId();
        var usedByCustomer = customer is null ? 0 : await db.PromotionRedemptions.CountAsync(r => r.Code == code && r.CustomerKey == customer, ct);
        var reason = promotion is null ? "This code does not exist." : promotion.WhyNotApplicable(subtotal, usedByCustomer, clock.GetUtcNow());
        if (reason is not null)
        {
            AddError(r => r.Code, reason);
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }

        await Send.OkAsync(new DiscountPreviewResponse(code, MoneyResponse.From(promotion!.DiscountOn(subtotal))), ct);
    }
}
