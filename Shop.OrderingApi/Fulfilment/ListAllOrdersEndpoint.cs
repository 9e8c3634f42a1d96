using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Orders;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Fulfilment;

public sealed record ListAllOrdersRequest : PagedRequest
{
    [QueryParam]
    public string? Status { get; init; }

    /// <summary>The receipt email, whatever its case.</summary>
    [QueryParam]
    public string? Email { get; init; }

    /// <summary>The account that placed the order while signed in, whatever email it gave for the receipt.</summary>
    [QueryParam]
    public string? CustomerId { get; init; }

    [QueryParam]
    public DateTimeOffset? From { get; init; }

    [QueryParam]
    public DateTimeOffset? To { get; init; }
}

public sealed class ListAllOrdersValidator : Validator<ListAllOrdersRequest>
{
    public ListAllOrdersValidator()
    {
        Include(new PagedRequestValidator());
        RuleFor(r => r.Status).Must(s => s is null || ListAllOrdersEndpoint.ParseStatus(s) is not null)
            .WithMessage("The status is one of placed, awaiting_payment, paid, shipped, delivered, cancelled.");
        RuleFor(r => r.Email).MaximumLength(320);
        RuleFor(r => r.CustomerId).MaximumLength(64);
    }
}

/// <summary>Every order, for staff, filtered by status, customer email or account, and date, newest first.</summary>
public sealed class ListAllOrdersEndpoint(OrderingDbContext db) : Endpoint<ListAllOrdersRequest, PagedResponse<OrderSummaryResponse>>
{
    public override void Configure()
    {
        Get("/api/orders/all");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public static OrderStatus? ParseStatus(string name) =>
        Enum.GetValues<OrderStatus>().Cast<OrderStatus?>().FirstOrDefault(s => OrderResponse.StatusName(s!.Value) == name);

    public override async Task HandleAsync(ListAllOrdersRequest request, CancellationToken ct)
    {
        var orders = db.Orders.AsNoTracking();
        if (request.Status is not null)
        {
            var status = ParseStatus(request.Status);
            orders = orders.Where(o => o.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            var email = request.Email.Trim().ToLowerInvariant();
            orders = orders.Where(o => o.Email.ToLower() == email);
        }

        if (!string.IsNullOrWhiteSpace(request.CustomerId))
        {
            orders = orders.Where(o => o.CustomerId == request.CustomerId.Trim());
        }

        // As instants: PostgreSQL compares timestamptz only with UTC values, whatever offset the filter was written in.
        if (request.From?.ToUniversalTime() is { } from)
        {
            orders = orders.Where(o => o.PlacedAt >= from);
        }

        if (request.To?.ToUniversalTime() is { } to)
        {
            orders = orders.Where(o => o.PlacedAt < to);
        }

        var total = await orders.LongCountAsync(ct);
        var page = await orders.OrderByDescending(o => o.PlacedAt).Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        await Send.OkAsync(new PagedResponse<OrderSummaryResponse>(page.Select(OrderSummaries.From).ToList(), request.Page, request.PageSize, total), ct);
    }
}
