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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ShopUser>().Property(u => u.DisplayName).HasMaxLength(100);
        // OpenIddict keeps its applications, authorizations and tokens (refresh tokens, revocations) here.
        builder.UseOpenIddict();
        builder.AddMessagingTables();
    }
}
