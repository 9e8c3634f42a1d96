using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Promotions;

/// <summary>Every promotion with its use count, for staff.</summary>
public sealed class ListPromotionsEndpoint(OrderingDbContext db) : EndpointWithoutRequest<IReadOnlyList<PromotionResponse>>
{
    public override void Configure()
    {
        Get("/api/promotions");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var promotions = await db.Promotions.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        await Send.OkAsync(promotions.Select(PromotionResponse.From).ToList(), ct);
    }
}
