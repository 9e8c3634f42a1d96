using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Shop.IdentityApi.Domain;
using Shop.Messaging;

namespace Shop.IdentityApi.Data;

public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : IdentityDbContext<ShopUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>The AppHost's name for this database's connection string.</summary>
    public const string ConnectionName = "identitydb";

    public DbSet<Address> Addresses => Set<Address>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ShopUser>().Property(u => u.DisplayName).HasMaxLength(100);
        builder.Entity<ShopUser>().Property(u => u.PhoneNumber).HasMaxLength(32);
        builder.Entity<Address>(address =>
        {
            address.HasKey(a => a.Id);
            // Erasing an account erases its addresses with it.
            address.HasOne<ShopUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            address.HasIndex(a => a.UserId);
            address.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            address.Property(a => a.Name).HasMaxLength(200);
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.Region).HasMaxLength(100);
            address.Property(a => a.PostalCode).HasMaxLength(20);
            address.Property(a => a.Country).HasMaxLength(2);
            address.Property(a => a.Phone).HasMaxLength(32);
            address.Ignore(a => a.Fields);
        });
        // OpenIddict keeps its applications, authorizations and tokens (refresh tokens, revocations) here.
        builder.UseOpenIddict();
        builder.AddMessagingTables();
    }
}
