using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Shop.ServiceDefaults;

/// <summary>Who issues the tokens every service accepts.</summary>
public sealed class TokenValidationSettings
{
    public const string Section = "Authentication";

    /// <summary>The identity service's base URL; its discovery document publishes the signing keys.</summary>
    [Url]
    public string? Authority { get; set; }

    [Required]
    public string Audience { get; set; } = "shop-api";
}

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation: issuer, audience, lifetime and signature, with keys fetched from the authority's
    /// discovery document (so the identity service can rotate them). Without an authority no token validates.
    /// </summary>
    public static TBuilder AddShopAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddValidatedOptions<TokenValidationSettings>(TokenValidationSettings.Section);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<TokenValidationSettings>>((jwt, settings) =>
            {
                jwt.Authority = settings.Value.Authority;
                jwt.Audience = settings.Value.Audience;
                jwt.RequireHttpsMetadata = settings.Value.Authority?.StartsWith("https://", StringComparison.Ordinal) ?? true;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ValidateIssuer = true;
                jwt.TokenValidationParameters.ValidateAudience = true;
                jwt.TokenValidationParameters.ValidateLifetime = true;
                jwt.TokenValidationParameters.ValidateIssuerSigningKey = true;
                jwt.TokenValidationParameters.RequireSignedTokens = true; // alg: none is never accepted
                jwt.TokenValidationParameters.RoleClaimType = "role";
                jwt.TokenValidationParameters.NameClaimType = "name";
            });
        builder.Services.AddAuthorization(options => options.AddScopePolicies());
        return builder;
    }
}
