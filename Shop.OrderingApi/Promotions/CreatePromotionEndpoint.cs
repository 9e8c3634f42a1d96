using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Promotions;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Promotions;

public sealed record CreatePromotionRequest : PromotionFields
{
    public string Code { get; init; } = "";
}

public sealed class CreatePromotionValidator : Validator<CreatePromotionRequest>
{
    public CreatePromotionValidator()
    {
        RuleFor(p => p.Code).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9_-]+$")
            .WithMessage("A code is letters, digits, '-' and '_'.");
        Include(new PromotionFieldsValidator());
    }
}

/// <summary>Staff create a discount code; codes are case-insensitive and unique.</summary>
public sealed class CreatePromotionEndpoint(OrderingDbContext db) : Endpoint<CreatePromotionRequest, PromotionResponse>
{
    public override void Configure()
    {
        Post("/api/promotions");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(CreatePromotionRequest request, CancellationToken ct)
    {
        var code = Promotion.Normalize(request.Code);
        if (await db.Promotions.AnyAsync(p => p.Code == code, ct))
        {
            AddError(r => r.Code, "A promotion with this code exists.");
            await Send.ErrorsAsync(StatusCodes.Status409Conflict, ct);
            return;
        }

        var promotion = new Promotion(code, request.Description, request.ParsedKind, request.Value, request.Currency,
            request.MinimumOrderAmount, request.ValidFrom, request.ValidUntil, request.UsageLimit, request.PerCustomerLimit);
        db.Promotions.Add(promotion);
        await db.SaveChangesAsync(ct);
        await Send.ResponseAsync(PromotionResponse.From(promotion), StatusCodes.Status201Created, ct);
    }
}
