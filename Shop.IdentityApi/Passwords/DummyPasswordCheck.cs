using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Passwords;

/// <summary>
/// A password check against a throwaway hash: it costs what hashing or checking a real password costs, so an answer
/// that needs no real check (an unknown email at sign-in, a known one at registration) takes as long as one that does.
/// </summary>
public sealed class DummyPasswordCheck(IOptions<PasswordHasherOptions> options)
{
    private readonly PasswordHasher<ShopUser> _hasher = new(options);
    private readonly ShopUser _nobody = new();
    private string? _hash;

    public void Verify(string password)
    {
        _hash ??= _hasher.HashPassword(_nobody, Guid.NewGuid().ToString());
        _hasher.VerifyHashedPassword(_nobody, _hash, password);
    }
}
