using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Data;

/// <summary>Adds the standard and express methods when they are missing; staff changes to them are kept.</summary>
public sealed class ShippingMethodSeeder : IDatabaseSeeder<OrderingDbContext>
{
    private static readonly ShippingMethod[] Defaults =
    [
        new("standard", "Standard delivery", 3, 5),
        new("express", "Express delivery", 1, 2),
    ];

    public async Task SeedAsync(OrderingDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.ShippingMethods.Select(m => m.Code).ToListAsync(cancellationToken);
        db.ShippingMethods.AddRange(Defaults.Where(m => !existing.Contains(m.Code)));
        await db.SaveChangesAsync(cancellationToken);
    }
}
