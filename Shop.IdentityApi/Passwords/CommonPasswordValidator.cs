using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Passwords;

/// <summary>
/// Refuses passwords that are on a list of common, easily guessed ones (dictionary words with years and digits,
/// keyboard walks, repeated or sequential characters), compared without regard to case.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ShopUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<ShopUser> manager, ShopUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common; choose one that is harder to guess." })
            : IdentityResult.Success);

    public static bool IsCommon(string password) => Common.Value.Contains(password.ToLowerInvariant());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        return words;
    }
}
