using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Auth;

/// <summary>Bound from <c>RateLimits:SignIn</c>: attempts one client may make per window at sign-in, registration and reset.</summary>
public sealed class SignInRateLimitSettings
{
    public const string Section = "RateLimits:SignIn";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Limits sign-in, registration and reset requests per client address (the storefront forwards the real one);
/// per account, the lockout after repeated failures does the limiting. 429 beyond it.
/// </summary>
public static class SignInRateLimit
{
    public const string PolicyName = "sign-in";

    public static IHostApplicationBuilder AddSignInRateLimit(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SignInRateLimitSettings>(SignInRateLimitSettings.Section);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<SignInRateLimitSettings>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window, QueueLimit = 0 });
            });
        });
        return builder;
    }
}
