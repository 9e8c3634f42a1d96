using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Auth;

/// <summary>
/// Sign-in, registration and password-reset requests are limited twice: per client address (<c>RateLimits:&lt;name&gt;</c>,
/// in the middleware) against one client trying many accounts, and per account (<c>RateLimits:&lt;name&gt;-per-account</c>,
/// checked by the endpoint) against many clients trying one account or flooding one inbox.
/// </summary>
public static class AuthRateLimits
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string PasswordReset = "password-reset";

    public static string PerAccount(string policyName) => policyName + "-per-account";

    public static IHostApplicationBuilder AddAuthRateLimits(this IHostApplicationBuilder builder)
    {
        Add(builder, SignIn, perClient: new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) },
            perAccount: new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) });
        // Each of these sends an email: per account they are few, so nobody's inbox can be flooded.
        Add(builder, Registration, perClient: new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) },
            perAccount: new() { PermitLimit = 3, Window = TimeSpan.FromHours(1) });
        Add(builder, PasswordReset, perClient: new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) },
            perAccount: new() { PermitLimit = 3, Window = TimeSpan.FromHours(1) });
        return builder;
    }

    private static void Add(IHostApplicationBuilder builder, string name, FixedWindowLimit perClient, FixedWindowLimit perAccount)
    {
        builder.AddFixedWindowRateLimit(name, perClient, context => context.ClientAddress());
        builder.AddAccountRateLimit(PerAccount(name), perAccount);
    }
}
