using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Passwords;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi;

public static class IdentityRegistration
{
    /// <summary>ASP.NET Core Identity for accounts and passwords; OpenIddict for the tokens every service trusts.</summary>
    public static IHostApplicationBuilder AddShopIdentity(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<IdentitySettings>(IdentitySettings.Section);
        var settings = builder.Configuration.GetSection(IdentitySettings.Section).Get<IdentitySettings>() ?? new IdentitySettings();

        builder.Services.AddIdentityCore<ShopUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // The user name is the email, which registration has already checked: any character an address may
                // hold (o'brien@, josé@) is allowed, not only Identity's default letters, digits and -._@+.
                options.User.AllowedUserNameCharacters = "";
                options.SignIn.RequireConfirmedEmail = true;
                // Length beats composition rules; common passwords are refused by their own validator.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddPasswordValidator<CommonPasswordValidator>();
        // PBKDF2 work factor well above the library default.
        builder.Services.Configure<PasswordHasherOptions>(options => options.IterationCount = 600_000);
        builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = settings.EmailLinkLifetime);
        builder.Services.Configure<PasswordResetTokenProviderOptions>(options => options.TokenLifespan = settings.PasswordResetTokenLifetime);

        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("/api/auth/token")
                    .SetRevocationEndpointUris("/api/auth/revoke")
                    .AllowPasswordFlow()
                    .AllowRefreshTokenFlow()
                    // Shop's own services, as confidential clients (see Identity:ServiceClients).
                    .AllowClientCredentialsFlow()
                    .AcceptAnonymousClients()
                    .RegisterScopes(["offline_access", "email", "roles", .. ServiceScopes.All])
                    .SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    // Strict rotation: a refresh token works once, so a stolen one that is replayed is refused.
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero)
                    // Plain signed JWTs, so every service validates them with standard JWT bearer handling.
                    .DisableAccessTokenEncryption();
                if (!string.IsNullOrEmpty(settings.Issuer))
                {
                    server.SetIssuer(new Uri(settings.Issuer));
                }

                if (development)
                {
                    server.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
                }
                else
                {
                    server.AddSigningCertificate(LoadCertificate(settings.SigningCertificate, settings.CertificatePassword, "SigningCertificate"))
                        .AddEncryptionCertificate(LoadCertificate(settings.EncryptionCertificate, settings.CertificatePassword, "EncryptionCertificate"));
                }

                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (development)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        return builder;
    }

    private static X509Certificate2 LoadCertificate(string? base64, string? password, string name) =>
        string.IsNullOrWhiteSpace(base64)
            ? throw new InvalidOperationException($"Identity:{name} is required outside development (a base64 PKCS#12 certificate).")
            : X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password);
}
