using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Users;

public static class CallerAccount
{
    /// <summary>
    /// The signed-in caller's own account: the token's subject decides whose, never a parameter. Null when the
    /// account no longer exists (erased while the access token is still valid).
    /// </summary>
    public static async Task<ShopUser?> FindCallerAsync(this UserManager<ShopUser> users, ClaimsPrincipal caller) =>
        caller.SubjectId() is { } subject ? await users.FindByIdAsync(subject) : null;
}
