using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Shop.IdentityApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Data;

/// <summary>Creates the first administrator from configuration when no account has that email; never changes it after.</summary>
public sealed class AdminSeeder(UserManager<ShopUser> users, IOptions<IdentitySettings> settings) : IDatabaseSeeder<IdentityDbContext>
{
    public async Task SeedAsync(IdentityDbContext db, CancellationToken cancellationToken)
    {
        var admin = settings.Value.Admin;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrWhiteSpace(admin.Password) || await users.FindByEmailAsync(admin.Email) is not null)
        {
            return;
        }

        var user = new ShopUser { UserName = admin.Email, Email = admin.Email, EmailConfirmed = true, DisplayName = "Administrator" };
        var created = await users.CreateAsync(user, admin.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"The configured admin account could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRolesAsync(user, [Roles.Customer, Roles.Staff, Roles.Admin]);
    }
}
