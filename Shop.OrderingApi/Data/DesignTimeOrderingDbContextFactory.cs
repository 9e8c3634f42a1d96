using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shop.OrderingApi.Data;

/// <summary>For <c>dotnet ef migrations</c>: the model needs no server, so no real connection string is involved.</summary>
public sealed class DesignTimeOrderingDbContextFactory : IDesignTimeDbContextFactory<OrderingDbContext>
{
    public OrderingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OrderingDbContext>().UseNpgsql("Host=design-time-only").Options);
}
