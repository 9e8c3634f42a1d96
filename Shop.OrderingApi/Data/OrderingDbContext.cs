using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Domain;

namespace Shop.OrderingApi.Data;

public sealed class OrderingDbContext(DbContextOptions<OrderingDbContext> options) : DbContext(options)
{
    /// <summary>The AppHost's name for this database's connection string.</summary>
    public const string ConnectionName = "orderingdb";

    public DbSet<ShippingMethod> ShippingMethods => Set<ShippingMethod>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ShippingMethod>(method =>
        {
            method.HasKey(m => m.Code);
            method.Property(m => m.Code).HasMaxLength(32);
            method.Property(m => m.Name).HasMaxLength(100);
        });
    }
}
