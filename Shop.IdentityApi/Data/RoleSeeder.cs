using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Data;

/// <summary>Creates the roles that are missing.</summary>
public sealed class RoleSeeder(RoleManager<IdentityRole<Guid>> roles) : IDatabaseSeeder<IdentityDbContext>
{
    public async Task SeedAsync(IdentityDbContext db, CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole<Guid>(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Creating role '{role}' failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
