using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Auth;

/// <summary>
/// Sign-in, registration and reset requests are limited per client address (<c>RateLimits:sign-in</c>); per account,
/// the lockout after repeated failures does the limiting.
/// </summary>
public static class SignInRateLimit
{
    public const string PolicyName = "sign-in";

    public static IHostApplicationBuilder AddSignInRateLimit(this IHostApplicationBuilder builder) =>
        builder.AddFixedWindowRateLimit(PolicyName, new FixedWindowLimit { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) },
            context => context.ClientAddress());
}
