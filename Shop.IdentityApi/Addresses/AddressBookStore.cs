using Microsoft.EntityFrameworkCore;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Addresses;

public static class AddressBookStore
{
    /// <summary>The account's addresses, tracked, oldest first.</summary>
    public static Task<List<Address>> AddressesOfAsync(this IdentityDbContext db, Guid userId, CancellationToken ct) =>
        db.Addresses.Where(a => a.UserId == userId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
}
