using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Orders;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Orders;

/// <summary>
/// Per-object access to orders: the customer who placed it, a guest holding its secret link, or staff. Anyone else
/// is told the order does not exist (404), so order ids reveal nothing.
/// </summary>
public static class OrderAccess
{
    public static async Task<Order?> FindForCallerAsync(OrderingDbContext db, Guid orderId, ClaimsPrincipal caller, string? guestToken, CancellationToken ct)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return null;
        }

        var subject = caller.SubjectId();
        var allowed = (subject is not null && order.BelongsTo(subject))
            || caller.IsStaff()
            || (!string.IsNullOrEmpty(guestToken) && order.IsGuestAccessToken(guestToken));
        return allowed ? order : null;
    }

    /// <summary>Who did it, for the order's history: the account id, or "guest".</summary>
    public static string Actor(ClaimsPrincipal caller) => caller.SubjectId() ?? "guest";
}
