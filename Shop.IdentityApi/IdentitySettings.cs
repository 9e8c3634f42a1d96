using System.ComponentModel.DataAnnotations;

namespace Shop.IdentityApi;

/// <summary>Bound from <c>Identity</c>.</summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>This service's public URL; tokens name it as their issuer and other services fetch its keys from it.</summary>
    [Required, Url]
    public string Issuer { get; set; } = "";

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long an email-confirmation link works.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan EmailLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a password-reset link works; short, since it opens the account to whoever holds it.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where links in emails point: the storefront's account pages.</summary>
    [Required, Url]
    public string StorefrontUrl { get; set; } = "";

    public AdminAccount Admin { get; set; } = new();

    /// <summary>Outside development: base64 PKCS#12 certificates that sign and encrypt tokens (never generated).</summary>
    public string? SigningCertificate { get; set; }

    public string? EncryptionCertificate { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary>The first administrator, created at first start from configuration; never a built-in password.</summary>
public sealed class AdminAccount
{
    [EmailAddress]
    public string? Email { get; set; }

    public string? Password { get; set; }
}
