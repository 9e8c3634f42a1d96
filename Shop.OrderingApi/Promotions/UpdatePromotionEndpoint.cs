using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Promotions;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Promotions;

public sealed record UpdatePromotionRequest : PromotionFields
{
    public string Code { get; init; } = "";
    public bool IsActive { get; init; } = true;
}

public sealed class UpdatePromotionValidator : Validator<UpdatePromotionRequest>
{
    public UpdatePromotionValidator() => Include(new PromotionFieldsValidator());
}

/// <summary>Staff change a promotion's rules or switch it off; its use count is kept.</summary>
public sealed class UpdatePromotionEndpoint(OrderingDbContext db) : Endpoint<UpdatePromotionRequest, PromotionResponse>
{
    public override void Configure()
    {
        Put("/api/promotions/{Code}");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(UpdatePromotionRequest request, CancellationToken ct)
    {
        var code = Promotion.Normalize(request.Code);
        var promotion = await db.Promotions.FirstOrDefaultAsync(p => p.Code == code, ct);
        if (promotion is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        promotion.Update(request.Description, request.ParsedKind, request.Value, request.Currency, request.MinimumOrderAmount,
            request.ValidFrom, request.ValidUntil, request.UsageLimit, request.PerCustomerLimit, request.IsActive);
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(PromotionResponse.From(promotion), ct);
    }
}
