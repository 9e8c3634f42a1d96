using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Users;

/// <summary>
/// The store always keeps an administrator. A change that could take away the last one (revoking the admin role,
/// erasing an admin's account) runs through <see cref="ChangeKeepingOneAsync"/>: the admin role's row is locked
/// while the administrators are counted and the change is saved, so two such changes at once take turns and the
/// second sees the first's result, where both used to count two and leave none.
/// </summary>
public sealed class Administrators(IdentityDbContext db, UserManager<ShopUser> users)
{
    /// <summary>
    /// Runs <paramref name="change"/> in one transaction unless <paramref name="user"/> is the last administrator;
    /// false (and nothing done) if they are.
    /// </summary>
    public async Task<bool> ChangeKeepingOneAsync(ShopUser user, Func<Task> change, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var adminRole = users.NormalizeName(Roles.Admin);
            await db.Database
                .SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "AspNetRoles" WHERE "NormalizedName" = {adminRole} FOR UPDATE""")
                .ToListAsync(ct);
            if (await users.IsInRoleAsync(user, Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 1)
            {
                return false;
            }

            await change();
            await transaction.CommitAsync(ct);
            return true;
        });
    }
}
