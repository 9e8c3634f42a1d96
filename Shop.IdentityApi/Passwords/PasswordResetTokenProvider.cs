using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Passwords;

/// <summary>Its own lifetime (<c>Identity:PasswordResetTokenLifetime</c>), apart from email-confirmation links.</summary>
public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenProviderOptions() => Name = PasswordResetTokenProvider.ProviderName;
}

/// <summary>
/// Password-reset tokens: data-protected, expiring, and bound to the account's security stamp, which a reset
/// changes, so a token works once.
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<PasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<ShopUser>> logger)
    : DataProtectorTokenProvider<ShopUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "PasswordReset";
}
