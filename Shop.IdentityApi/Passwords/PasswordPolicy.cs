using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Passwords;

public static class PasswordPolicy
{
    /// <summary>
    /// What is wrong with <paramref name="password"/> by every configured rule (length, common passwords), checked
    /// before anything else so known and unknown accounts get the same answer.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ProblemsWithAsync(this UserManager<ShopUser> users, ShopUser user, string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        return problems;
    }
}
