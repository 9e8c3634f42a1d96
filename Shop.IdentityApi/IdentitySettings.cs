using System.ComponentModel.DataAnnotations;

namespace Shop.IdentityApi;

/// <summary>Bound from <c>Identity</c>.</summary>
public sealed class IdentitySettings : IValidatableObject
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

    /// <summary>
    /// Shop's services that call other services on their own behalf, by client id: each a confidential client with
    /// the scopes it may ask for (client-credentials grant). The AppHost generates each secret.
    /// </summary>
    public Dictionary<string, ServiceClientSettings> ServiceClients { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (clientId, client) in ServiceClients)
        {
            if (client.Secret is not { Length: >= 32 })
            {
                yield return new ValidationResult($"Identity:ServiceClients:{clientId}:Secret needs at least 32 characters.");
            }

            if (client.Scopes.Count == 0 || client.Scopes.Except(Shop.ServiceDefaults.ServiceScopes.All).Any())
            {
                yield return new ValidationResult(
                    $"Identity:ServiceClients:{clientId}:Scopes needs one or more of: {string.Join(", ", Shop.ServiceDefaults.ServiceScopes.All)}.");
            }
        }
    }
}

/// <summary>A service's client registration: its secret and the scopes it may be granted.</summary>
public sealed class ServiceClientSettings
{
    public string Secret { get; set; } = "";

    public List<string> Scopes { get; set; } = [];
}

/// <summary>The first administrator, created at first start from configuration; never a built-in password.</summary>
public sealed class AdminAccount
{
    [EmailAddress]
    public string? Email { get; set; }

    public string? Password { get; set; }
}
