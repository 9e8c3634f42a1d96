using Microsoft.EntityFrameworkCore;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Addresses;

public static class AddressBookStore
{
    /// <summary>The account's addresses, tracked, oldest first.</summary>
    public static Task<List<Address>> AddressesOfAsync(this IdentityDbContext db, Guid userId, CancellationToken ct) =>
        db.Addresses.Where(a => a.UserId == userId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);

    /// <summary>
    /// Reads the account's addresses, lets <paramref name="change"/> change them and saves, in one transaction that
    /// holds the account's row locked: two changes to one address book (two "make default" at once) run one after
    /// the other, each on what the other left, so the last one wins instead of both moving the default from the same
    /// snapshot and one failing the one-default constraint. Null when the account does not exist
    /// or <paramref name="change"/> returns null (nothing to change).
    /// </summary>
    public static async Task<T?> ChangeAddressBookAsync<T>(
        this IdentityDbContext db, Guid userId, Func<List<Address>, T?> change, CancellationToken ct) where T : class =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var locked = await db.Database
                .SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "AspNetUsers" WHERE "Id" = {userId} FOR UPDATE""")
                .ToListAsync(ct);
            if (locked.Count == 0)
            {
                return null;
            }

            var result = change(await db.AddressesOfAsync(userId, ct));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        });
}
