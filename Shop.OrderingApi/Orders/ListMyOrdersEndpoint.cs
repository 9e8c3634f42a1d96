using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Orders;

public sealed record ListMyOrdersRequest : PagedRequest;

public sealed class ListMyOrdersValidator : Validator<ListMyOrdersRequest>
{
    public ListMyOrdersValidator() => Include(new PagedRequestValidator());
}

/// <summary>The signed-in customer's own orders, newest first.</summary>
public sealed class ListMyOrdersEndpoint(OrderingDbContext db) : Endpoint<ListMyOrdersRequest, PagedResponse<OrderSummaryResponse>>
{
    public override void Configure() => Get("/api/orders");

    public override async Task HandleAsync(ListMyOrdersRequest request, CancellationToken ct)
    {
        var customerId = User.SubjectId();
        var orders = db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId);
        var total = await orders.LongCountAsync(ct);
        var page = await orders.OrderByDescending(o => o.PlacedAt)
            .Skip(request.Skip).Take(request.PageSize)
            .ToListAsync(ct);

        await Send.OkAsync(new PagedResponse<OrderSummaryResponse>(
            page.Select(OrderSummaries.From).ToList(), request.Page, request.PageSize, total), ct);
    }
}

internal static class OrderSummaries
{
    public static OrderSummaryResponse From(Domain.Orders.Order order) => new(
        order.Id, OrderResponse.StatusName(order.Status), order.PlacedAt, MoneyResponse.From(order.Totals.Total),
        order.Lines.Sum(l => l.Quantity), order.Email);
}
